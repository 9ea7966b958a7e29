import DataLoader from 'dataloader';
import { complainantHistorySql, type ComplainantHistory } from './complaint-view';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { DepartmentEntity, UserEntity } from '../entities';
import type { PenaltyRow } from '../penalties/penalty.types';
import {
  camelRow,
  type ApprovalStepRow,
  type AssetRow,
  type ComplaintRow,
  type CustomerRow,
  type DeadlineRow,
  type EventRow,
  type EvidenceRow,
  type FollowUpRow,
  type InvestigationRow,
  type NoteRow,
  type ResolutionRow,
  type ResponseRow,
} from './complaint-rows';

/**
 * Batch loaders for everything a complaint shows. Each batch is one statement whatever the
 * number of complaints on the page, which keeps a page's statement count constant.
 */
export interface ComplaintLoaders {
  complaintById: DataLoader<string, ComplaintRow | null>;
  customerById: DataLoader<string, CustomerRow | null>;
  assetById: DataLoader<string, AssetRow | null>;
  /** Per complaint: how often its complainant came before it. */
  complainantHistory: DataLoader<string, ComplainantHistory>;
  investigationByComplaint: DataLoader<string, InvestigationRow | null>;
  /** The newest resolution of each complaint. */
  resolutionByComplaint: DataLoader<string, ResolutionRow | null>;
  approvalStepsByResolution: DataLoader<string, ApprovalStepRow[]>;
  /** The approval chain of each complaint's newest resolution, in one statement. */
  approvalStepsByComplaint: DataLoader<string, ApprovalStepRow[]>;
  evidenceByComplaint: DataLoader<string, EvidenceRow[]>;
  deadlinesByComplaint: DataLoader<string, DeadlineRow[]>;
  responsesByComplaint: DataLoader<string, ResponseRow[]>;
  followUpsByComplaint: DataLoader<string, FollowUpRow[]>;
  notesByComplaint: DataLoader<string, NoteRow[]>;
  penaltiesByComplaint: DataLoader<string, PenaltyRow[]>;
  /** The newest event of each complaint's timeline. */
  lastEventByComplaint: DataLoader<string, EventRow | null>;
  /** One page of each complaint's timeline; the key carries the page (see `eventPageKey`). */
  eventPage: DataLoader<string, { rows: EventRow[]; totalCount: number }>;
  /**
   * Rows read with a page of complaints (see ComplaintQueryService.list), by complaint row:
   * the field resolvers answer from them without waiting. An absent key was not read ahead.
   */
  readAhead: WeakMap<ComplaintRow, ReadAheadRows>;
}

export interface ReadAheadRows {
  owner?: UserEntity | null;
  department?: DepartmentEntity | null;
  lastEvent?: EventRow | null;
  approvals?: ApprovalStepRow[];
}

function rowsById<T extends { id: string }>(tx: TenantTransaction, sql: string): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = (await tx.query(sql, [[...ids]])).map((row) => camelRow<T>(row));
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

function rowsByComplaint<T extends { complaintId: string }>(tx: TenantTransaction, table: string): DataLoader<string, T[]> {
  return new DataLoader(async (ids) => {
    const rows = (await tx.query(`SELECT * FROM ${table} WHERE complaint_id = ANY($1::uuid[]) ORDER BY created_at, id`, [[...ids]])).map(
      (row) => camelRow<T>(row),
    );
    return ids.map((id) => rows.filter((row) => row.complaintId === id));
  });
}

export interface EventPageKey {
  complaintId: string;
  limit: number;
  /** Event sequence number after which the page starts. */
  afterSeq: string | null;
}

export const eventPageKey = (key: EventPageKey): string => JSON.stringify([key.complaintId, key.limit, key.afterSeq]);

export function createComplaintLoaders(tx: TenantTransaction): ComplaintLoaders {
  return {
    readAhead: new WeakMap(),
    complaintById: rowsById(tx, 'SELECT * FROM complaints WHERE id = ANY($1::uuid[])'),
    customerById: rowsById(tx, 'SELECT * FROM customers WHERE id = ANY($1::uuid[])'),
    assetById: rowsById(
      tx,
      `SELECT id, name, serial_number, model, owner_customer_id, to_char(warranty_ends_on, 'YYYY-MM-DD') AS warranty_ends_on,
              parent_id, created_at FROM assets WHERE id = ANY($1::uuid[])`,
    ),
    complainantHistory: new DataLoader(async (ids) => {
      const rows = await tx.query<{ id: string; recent: number; same_day: number }>(
        `SELECT c.id, h.recent, h.same_day FROM complaints c
           CROSS JOIN LATERAL (${complainantHistorySql('c.customer_id', 'c.id', 'c.received_at')}) h
          WHERE c.id = ANY($1::uuid[])`,
        [[...ids]],
      );
      const found = new Map(rows.map((row) => [row.id, { recent: row.recent, sameDay: row.same_day }]));
      return ids.map((id) => found.get(id) ?? { recent: 0, sameDay: 0 });
    }),
    investigationByComplaint: new DataLoader(async (ids) => {
      const rows = (await tx.query('SELECT * FROM complaint_investigations WHERE complaint_id = ANY($1::uuid[])', [[...ids]])).map((row) =>
        camelRow<InvestigationRow>(row),
      );
      return ids.map((id) => rows.find((row) => row.complaintId === id) ?? null);
    }),
    resolutionByComplaint: new DataLoader(async (ids) => {
      const rows = (
        await tx.query(
          `SELECT DISTINCT ON (complaint_id) * FROM complaint_resolutions
            WHERE complaint_id = ANY($1::uuid[]) ORDER BY complaint_id, created_at DESC, id DESC`,
          [[...ids]],
        )
      ).map((row) => camelRow<ResolutionRow>(row));
      return ids.map((id) => rows.find((row) => row.complaintId === id) ?? null);
    }),
    approvalStepsByResolution: new DataLoader(async (ids) => {
      const rows = (await tx.query('SELECT * FROM approval_steps WHERE resolution_id = ANY($1::uuid[]) ORDER BY position', [[...ids]])).map(
        (row) => camelRow<ApprovalStepRow>(row),
      );
      return ids.map((id) => rows.filter((row) => row.resolutionId === id));
    }),
    approvalStepsByComplaint: new DataLoader(async (ids) => {
      const rows = await tx.query(
        `SELECT k.complaint_id AS for_complaint__, s.* FROM unnest($1::uuid[]) AS k(complaint_id)
           CROSS JOIN LATERAL (
             SELECT r.id FROM complaint_resolutions r WHERE r.complaint_id = k.complaint_id
              ORDER BY r.created_at DESC, r.id DESC LIMIT 1) r
           JOIN approval_steps s ON s.resolution_id = r.id
          ORDER BY s.position`,
        [[...ids]],
      );
      const steps = rows.map(({ for_complaint__: complaintId, ...row }) => ({ complaintId, step: camelRow<ApprovalStepRow>(row) }));
      return ids.map((id) => steps.filter((entry) => entry.complaintId === id).map((entry) => entry.step));
    }),
    evidenceByComplaint: rowsByComplaint(tx, 'complaint_evidence'),
    deadlinesByComplaint: rowsByComplaint(tx, 'complaint_deadlines'),
    responsesByComplaint: rowsByComplaint(tx, 'complaint_responses'),
    followUpsByComplaint: rowsByComplaint(tx, 'complaint_follow_ups'),
    notesByComplaint: rowsByComplaint(tx, 'complaint_notes'),
    penaltiesByComplaint: rowsByComplaint(tx, 'penalties'),
    lastEventByComplaint: new DataLoader(async (ids) => {
      // One index probe per complaint, newest first, rather than sorting each whole timeline.
      const rows = (
        await tx.query(
          `SELECT e.* FROM unnest($1::uuid[]) AS k(complaint_id)
             CROSS JOIN LATERAL (
               SELECT * FROM complaint_events ev WHERE ev.complaint_id = k.complaint_id ORDER BY ev.seq DESC LIMIT 1) e`,
          [[...ids]],
        )
      ).map((row) => camelRow<EventRow>(row));
      const found = new Map(rows.map((row) => [row.complaintId, row]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    eventPage: new DataLoader(async (keys) => {
      const parsed = keys.map((key) => {
        const [complaintId, limit, afterSeq] = JSON.parse(key) as [string, number, string | null];
        return { complaintId, limit, afterSeq };
      });
      // One lateral query serves every complaint of the page, each with its own limit and cursor.
      const rows = await tx.query(
        `SELECT k.ord, e.* FROM unnest($1::uuid[], $2::int[], $3::bigint[]) WITH ORDINALITY AS k(complaint_id, lim, after_seq, ord)
           CROSS JOIN LATERAL (
             SELECT * FROM complaint_events ev
              WHERE ev.complaint_id = k.complaint_id AND (k.after_seq IS NULL OR ev.seq > k.after_seq)
              ORDER BY ev.seq LIMIT k.lim + 1) e
          ORDER BY k.ord, e.seq`,
        [parsed.map((k) => k.complaintId), parsed.map((k) => k.limit), parsed.map((k) => k.afterSeq)],
      );
      const counts = await tx.query<{ complaint_id: string; n: number }>(
        `SELECT complaint_id, count(*)::int AS n FROM complaint_events WHERE complaint_id = ANY($1::uuid[]) GROUP BY complaint_id`,
        [[...new Set(parsed.map((k) => k.complaintId))]],
      );
      const totals = new Map(counts.map((row) => [row.complaint_id, row.n]));
      return parsed.map((key, index) => ({
        rows: rows.filter((row) => Number(row.ord) === index + 1).map(({ ord: _ord, ...row }) => camelRow<EventRow>(row)),
        totalCount: totals.get(key.complaintId) ?? 0,
      }));
    }),
  };
}
