import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who answered a satisfaction survey: staff recording a follow-up visit or call, or the
 * complainant through the public tracking code. The complainant answers once per answer
 * they were given; the index finds their latest answer of a complaint.
 */
export class ComplainantSurveys1764600000000 implements MigrationInterface {
  name = 'ComplainantSurveys1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE complaint_follow_ups ADD COLUMN answered_by text NOT NULL DEFAULT 'STAFF' CHECK (answered_by IN ('STAFF', 'COMPLAINANT'))`,
    );
    await q.query(
      `CREATE INDEX complaint_follow_ups_complainant_idx ON complaint_follow_ups (tenant_id, complaint_id, created_at)
        WHERE answered_by = 'COMPLAINANT'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX complaint_follow_ups_complainant_idx');
    await q.query('ALTER TABLE complaint_follow_ups DROP COLUMN answered_by');
  }
}
