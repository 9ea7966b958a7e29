import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantOwnedTable } from './rls.sql-helpers';

/**
 * Repeat complaints: links from a complaint to the earlier ones it repeats (same
 * complainant, asset or product, as the governing plugin decides), and the indexes that
 * find the candidates by asset and by product model.
 */
export class RepeatComplaints1764500000004 implements MigrationInterface {
  name = 'RepeatComplaints1764500000004';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE complaint_links (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         complaint_id uuid NOT NULL,
         related_complaint_id uuid NOT NULL,
         match text NOT NULL CHECK (match IN ('COMPLAINANT', 'ASSET', 'PRODUCT')),
         decided_by text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         CHECK (complaint_id <> related_complaint_id),
         UNIQUE (tenant_id, complaint_id, related_complaint_id),
         FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id),
         FOREIGN KEY (tenant_id, related_complaint_id) REFERENCES complaints (tenant_id, id)
       )`,
      `CREATE INDEX complaint_links_related_idx ON complaint_links (tenant_id, related_complaint_id)`,
      ...tenantOwnedTable('complaint_links', { appendOnly: true }),
      `CREATE INDEX complaints_asset_idx ON complaints (tenant_id, asset_id, received_at) WHERE asset_id IS NOT NULL`,
      `CREATE INDEX assets_model_idx ON assets (tenant_id, model) WHERE model IS NOT NULL`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX assets_model_idx');
    await q.query('DROP INDEX complaints_asset_idx');
    await q.query('DROP TABLE complaint_links');
  }
}
