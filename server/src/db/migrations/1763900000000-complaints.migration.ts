import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE, tenantOwnedTable } from './rls.sql-helpers';

/**
 * Complaints and everything recorded along their lifecycle. Child rows reference
 * (tenant_id, complaint_id), so even a bug in the application cannot attach a record of
 * one tenant to a complaint of another.
 */
export class Complaints1763900000000 implements MigrationInterface {
  name = 'Complaints1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const child = (name: string, columns: string) =>
      `CREATE TABLE ${name} (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         complaint_id uuid NOT NULL,
         ${columns},
         created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id)
       )`;
    const statements = [
      `CREATE TABLE tenant_counters (
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         name text NOT NULL,
         value bigint NOT NULL,
         PRIMARY KEY (tenant_id, name)
       )`,
      `CREATE TABLE customers (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         phone text CHECK (phone ~ '^\\+?[0-9]{3,20}$'),
         email text CHECK (email = lower(email)),
         created_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (tenant_id, id)
       )`,
      `CREATE UNIQUE INDEX customers_phone_key ON customers (tenant_id, phone) WHERE phone IS NOT NULL`,
      `CREATE INDEX customers_email_idx ON customers (tenant_id, email) WHERE email IS NOT NULL`,
      `CREATE TABLE assets (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         serial_number text CHECK (length(serial_number) BETWEEN 1 AND 100),
         model text,
         owner_customer_id uuid,
         warranty_ends_on date,
         parent_id uuid,
         created_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (tenant_id, id),
         FOREIGN KEY (tenant_id, owner_customer_id) REFERENCES customers (tenant_id, id),
         FOREIGN KEY (tenant_id, parent_id) REFERENCES assets (tenant_id, id)
       )`,
      `CREATE UNIQUE INDEX assets_serial_key ON assets (tenant_id, serial_number) WHERE serial_number IS NOT NULL`,
      `CREATE TABLE complaints (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         number bigint NOT NULL,
         tracking_code text NOT NULL,
         status text NOT NULL,
         channel text NOT NULL,
         received_at timestamptz NOT NULL,
         received_by uuid REFERENCES users(id),
         description text NOT NULL CHECK (length(description) BETWEEN 1 AND 10000),
         demands text[] NOT NULL DEFAULT '{}',
         respondent jsonb,
         customer_id uuid NOT NULL,
         asset_id uuid,
         category_code text,
         priority text NOT NULL DEFAULT 'NORMAL',
         major boolean NOT NULL DEFAULT false,
         fields jsonb NOT NULL DEFAULT '{}',
         department_id uuid,
         owner_id uuid REFERENCES users(id),
         rejection_reason text,
         rejection_note text,
         closing_summary text,
         loss_amount numeric(14, 2) CHECK (loss_amount >= 0),
         loss_currency text,
         policy_id text NOT NULL,
         policy_version text NOT NULL,
         policy_args jsonb NOT NULL DEFAULT '{}',
         version integer NOT NULL DEFAULT 1,
         created_at timestamptz NOT NULL DEFAULT now(),
         -- Millisecond precision: list cursors carry JavaScript dates.
         updated_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
         acknowledged_at timestamptz,
         closed_at timestamptz,
         UNIQUE (tenant_id, id),
         UNIQUE (tenant_id, number),
         UNIQUE (tenant_id, tracking_code),
         FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
         FOREIGN KEY (tenant_id, asset_id) REFERENCES assets (tenant_id, id),
         FOREIGN KEY (tenant_id, department_id) REFERENCES departments (tenant_id, id)
       )`,
      `CREATE INDEX complaints_page_idx ON complaints (tenant_id, created_at, id)`,
      `CREATE INDEX complaints_status_idx ON complaints (tenant_id, status, created_at)`,
      `CREATE INDEX complaints_owner_idx ON complaints (tenant_id, owner_id) WHERE owner_id IS NOT NULL`,
      `CREATE INDEX complaints_department_idx ON complaints (tenant_id, department_id) WHERE department_id IS NOT NULL`,
      `CREATE INDEX complaints_customer_idx ON complaints (tenant_id, customer_id, received_at)`,
      `CREATE INDEX complaints_received_idx ON complaints (tenant_id, received_at)`,
      child(
        'complaint_evidence',
        `file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
         content_type text NOT NULL,
         size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
         sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
         note text`,
      ),
      `CREATE INDEX complaint_evidence_idx ON complaint_evidence (tenant_id, complaint_id)`,
      `CREATE TABLE complaint_events (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         complaint_id uuid NOT NULL,
         kind text NOT NULL,
         from_status text,
         to_status text,
         actor_user_id uuid REFERENCES users(id),
         actor_api_key_id uuid,
         is_public boolean NOT NULL DEFAULT false,
         changes jsonb NOT NULL DEFAULT '{}',
         decided_by text,
         created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id)
       )`,
      `CREATE INDEX complaint_events_idx ON complaint_events (tenant_id, complaint_id, seq)`,
      `CREATE TABLE complaint_investigations (
         complaint_id uuid PRIMARY KEY,
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         cause text NOT NULL,
         course text NOT NULL,
         responsible_person text,
         responsible_user_id uuid REFERENCES users(id),
         conclusion text NOT NULL,
         countermeasures text NOT NULL,
         prevention text NOT NULL,
         recorded_by uuid REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id)
       )`,
      child(
        'complaint_resolutions',
        `kind text NOT NULL,
         amount numeric(14, 2) CHECK (amount >= 0),
         currency text CHECK (currency ~ '^[A-Z]{3}$'),
         description text NOT NULL,
         status text NOT NULL DEFAULT 'PENDING',
         proposed_by uuid REFERENCES users(id),
         executed_at timestamptz,
         executed_by uuid REFERENCES users(id),
         UNIQUE (tenant_id, id)`,
      ),
      `CREATE INDEX complaint_resolutions_idx ON complaint_resolutions (tenant_id, complaint_id, created_at)`,
      child(
        'approval_steps',
        `resolution_id uuid NOT NULL,
         position integer NOT NULL,
         role text NOT NULL,
         label jsonb NOT NULL,
         decision text,
         comment text,
         decided_by uuid REFERENCES users(id),
         decided_at timestamptz,
         UNIQUE (resolution_id, position),
         FOREIGN KEY (tenant_id, resolution_id) REFERENCES complaint_resolutions (tenant_id, id)`,
      ),
      `CREATE INDEX approval_steps_idx ON approval_steps (tenant_id, complaint_id, created_at)`,
      `CREATE INDEX approval_steps_pending_idx ON approval_steps (tenant_id, role) WHERE decision IS NULL`,
      child(
        'complaint_responses',
        `channel text NOT NULL,
         message text NOT NULL,
         customer_reaction text,
         responded_by uuid REFERENCES users(id)`,
      ),
      `CREATE INDEX complaint_responses_idx ON complaint_responses (tenant_id, complaint_id, created_at)`,
      child(
        'complaint_follow_ups',
        `scores jsonb NOT NULL,
         comment text,
         recorded_by uuid REFERENCES users(id)`,
      ),
      `CREATE INDEX complaint_follow_ups_idx ON complaint_follow_ups (tenant_id, complaint_id, created_at)`,
      child('complaint_notes', `body text NOT NULL, author_id uuid REFERENCES users(id)`),
      `CREATE INDEX complaint_notes_idx ON complaint_notes (tenant_id, complaint_id, created_at)`,
      child(
        'complaint_deadlines',
        `stage text NOT NULL,
         due_at timestamptz NOT NULL,
         met_at timestamptz,
         cancelled_at timestamptz,
         decided_by text NOT NULL`,
      ),
      `CREATE INDEX complaint_deadlines_idx ON complaint_deadlines (tenant_id, complaint_id)`,
      `CREATE INDEX complaint_deadlines_open_idx ON complaint_deadlines (tenant_id, due_at, complaint_id)
         WHERE met_at IS NULL AND cancelled_at IS NULL`,

      ...tenantOwnedTable('tenant_counters'),
      ...tenantOwnedTable('customers'),
      ...tenantOwnedTable('assets'),
      ...tenantOwnedTable('complaints'),
      ...tenantOwnedTable('complaint_evidence', { appendOnly: true }),
      ...tenantOwnedTable('complaint_events', { appendOnly: true }),
      ...tenantOwnedTable('complaint_investigations'),
      ...tenantOwnedTable('complaint_resolutions'),
      ...tenantOwnedTable('approval_steps'),
      ...tenantOwnedTable('complaint_responses', { appendOnly: true }),
      ...tenantOwnedTable('complaint_follow_ups', { appendOnly: true }),
      ...tenantOwnedTable('complaint_notes', { appendOnly: true }),
      ...tenantOwnedTable('complaint_deadlines'),
      `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${RUNTIME_GROUP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'complaint_deadlines',
      'complaint_notes',
      'complaint_follow_ups',
      'complaint_responses',
      'approval_steps',
      'complaint_resolutions',
      'complaint_investigations',
      'complaint_events',
      'complaint_evidence',
      'complaints',
      'assets',
      'customers',
      'tenant_counters',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
