import type { TenantTransaction } from '../db/tenant-transaction';
import type { ComplaintRow } from '../complaints/complaint-rows';

type SubjectRole = 'RESPONSIBLE_DEPARTMENT' | 'INVOLVED_DEPARTMENT' | 'HANDLER' | 'RESPONSIBLE_PERSON';

/**
 * Adds a closed complaint to the service-quality record (警示, domain §1 "warn") of everyone
 * involved: the responsible department, every other department it was assigned to, its
 * owner and the investigation's responsible person (one record when they are the same
 * person). Each record carries the cause found, the category, whether it was major, how
 * many of its clocks ran out, and the penalty points (not waived) the subject bears for it.
 * Runs in the closing's transaction; a complaint reopened and closed again adds anew.
 */
export async function recordWarnings(tx: TenantTransaction, complaint: ComplaintRow, closedAt: Date): Promise<number> {
  const [facts] = await tx.query<{ cause: string | null; responsible_user_id: string | null; missed: number; assigned: string[] }>(
    `SELECT i.cause, i.responsible_user_id,
            (SELECT count(*)::int FROM complaint_deadlines d WHERE d.complaint_id = c.id AND d.breached_at IS NOT NULL) AS missed,
            (SELECT coalesce(array_agg(DISTINCT (e.changes -> 'departmentId' ->> 'to')::uuid), '{}')
               FROM complaint_events e
              WHERE e.complaint_id = c.id AND e.kind = 'ASSIGNED' AND e.changes -> 'departmentId' ->> 'to' IS NOT NULL) AS assigned
       FROM complaints c LEFT JOIN complaint_investigations i ON i.tenant_id = c.tenant_id AND i.complaint_id = c.id
      WHERE c.id = $1`,
    [complaint.id],
  );
  const subjects: { role: SubjectRole; userId: string | null; departmentId: string | null }[] = [];
  if (complaint.departmentId) subjects.push({ role: 'RESPONSIBLE_DEPARTMENT', userId: null, departmentId: complaint.departmentId });
  for (const departmentId of facts.assigned) {
    if (departmentId !== complaint.departmentId) subjects.push({ role: 'INVOLVED_DEPARTMENT', userId: null, departmentId });
  }
  const responsible: string | null = facts.responsible_user_id;
  if (responsible) subjects.push({ role: 'RESPONSIBLE_PERSON', userId: responsible, departmentId: null });
  if (complaint.ownerId && complaint.ownerId !== responsible) {
    subjects.push({ role: 'HANDLER', userId: complaint.ownerId, departmentId: null });
  }
  const cause = facts.cause ?? complaint.closingSummary ?? '';
  for (const subject of subjects) {
    await tx.query(
      `INSERT INTO warning_records (tenant_id, complaint_id, subject_role, subject_user_id, subject_department_id,
         category_code, major, cause, deadlines_missed, penalty_points, closed_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9,
              (SELECT coalesce(sum(points), 0) FROM penalties p
                WHERE p.complaint_id = $2 AND p.status <> 'WAIVED'
                  AND (p.subject_user_id = $4 OR p.subject_department_id = $5)),
              $10`,
      [
        complaint.tenantId,
        complaint.id,
        subject.role,
        subject.userId,
        subject.departmentId,
        complaint.categoryCode,
        complaint.major,
        cause,
        facts.missed,
        closedAt,
      ],
    );
  }
  return subjects.length;
}
