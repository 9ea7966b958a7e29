import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE, tenantOwnedTable } from './rls.sql-helpers';

/**
 * Evidence files. `file_blobs` keeps a file's bytes in parts when the database is the file
 * store (the default, so the embedded setup needs nothing else); `staged_uploads` holds a file
 * received by `POST /files/uploads` until a mutation attaches it to a complaint or the
 * sweeper deletes it after it expires. `complaint_evidence` gains the file it describes (none
 * for the metadata-only records of before), who added it and whether the public may see it.
 * The sweeper finds the tenants with expired uploads through a narrow SECURITY DEFINER
 * function: it runs outside any tenant, where row-level security shows it nothing.
 */
export class EvidenceFiles1765300000000 implements MigrationInterface {
  name = 'EvidenceFiles1765300000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE file_blobs (
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         file_key text NOT NULL,
         part integer NOT NULL CHECK (part >= 0),
         data bytea NOT NULL,
         PRIMARY KEY (tenant_id, file_key, part)
       )`,
      `CREATE TABLE staged_uploads (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         token_hash text NOT NULL,
         file_key text NOT NULL,
         thumbnail_key text,
         file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
         content_type text NOT NULL,
         size_bytes bigint NOT NULL CHECK (size_bytes > 0),
         sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
         uploaded_by_user_id uuid REFERENCES users(id),
         uploaded_by_api_key_id uuid,
         complaint_id uuid,
         created_at timestamptz NOT NULL DEFAULT app_now(),
         expires_at timestamptz NOT NULL,
         UNIQUE (tenant_id, token_hash),
         FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id)
       )`,
      `CREATE INDEX staged_uploads_expiry_idx ON staged_uploads (tenant_id, expires_at)`,
      `ALTER TABLE complaint_evidence
         ADD COLUMN file_key text,
         ADD COLUMN thumbnail_key text,
         ADD COLUMN source text NOT NULL DEFAULT 'STAFF' CHECK (source IN ('COMPLAINANT', 'STAFF')),
         ADD COLUMN internal boolean NOT NULL DEFAULT false`,
      // Records of before: the public form's (no first receiver) are the complainant's.
      `UPDATE complaint_evidence e SET source = 'COMPLAINANT'
         FROM complaints c WHERE c.tenant_id = e.tenant_id AND c.id = e.complaint_id AND c.received_by IS NULL`,
      ...tenantOwnedTable('file_blobs'),
      ...tenantOwnedTable('staged_uploads'),
      `CREATE FUNCTION tenants_with_expired_uploads(at timestamptz) RETURNS TABLE (tenant_id uuid)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
           SELECT DISTINCT s.tenant_id FROM staged_uploads s WHERE s.expires_at <= at ORDER BY 1
         $$`,
      'REVOKE ALL ON FUNCTION tenants_with_expired_uploads(timestamptz) FROM PUBLIC',
      `GRANT EXECUTE ON FUNCTION tenants_with_expired_uploads(timestamptz) TO ${RUNTIME_GROUP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION tenants_with_expired_uploads(timestamptz)');
    await q.query('DROP TABLE staged_uploads');
    await q.query('DROP TABLE file_blobs');
    await q.query(
      'ALTER TABLE complaint_evidence DROP COLUMN file_key, DROP COLUMN thumbnail_key, DROP COLUMN source, DROP COLUMN internal',
    );
  }
}
