import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose primary key was `id` alone and already had the `UNIQUE (tenant_id, id)` that foreign keys use. */
const KEYED_BY_ID_WITH_TENANT_UNIQUE = [
  'api_keys',
  'assets',
  'complaint_resolutions',
  'complaints',
  'customers',
  'departments',
  'mail_messages',
  'notifications',
  'webhook_deliveries',
  'webhook_endpoints',
];

/** Tables whose primary key was `id` alone. */
const KEYED_BY_ID = [
  'approval_steps',
  'audit_entries',
  'complaint_deadlines',
  'complaint_events',
  'complaint_evidence',
  'complaint_follow_ups',
  'complaint_links',
  'complaint_notes',
  'complaint_responses',
  'follow_up_tasks',
  'membership_invitations',
  'monthly_reports',
  'penalties',
  'staged_uploads',
  'warning_records',
];

interface ForeignKeyRow {
  table_name: string;
  name: string;
  definition: string;
}

/**
 * A schema a sharding extension (Citus) can distribute by `tenant_id`: every tenant-owned
 * table's primary key and unique constraints include `tenant_id`, and every foreign key
 * between tenant-owned tables matches on it, so each tenant's rows and the constraints
 * among them live on one shard. Data stays as it is: only keys change.
 *
 * - Primary keys `(id)` become `(tenant_id, id)`; the `UNIQUE (tenant_id, id)` some tables
 *   carried for composite foreign keys is then the primary key itself, and the foreign keys
 *   that used it are re-created on it.
 * - `complaint_investigations` (one per complaint) is keyed `(tenant_id, complaint_id)`.
 * - `approval_steps (resolution_id, position)` and `complaint_events (seq)` are unique per tenant.
 * - A follow-up task's visit (`follow_up_id`) is referenced together with the task's tenant.
 * - An API key is found by its id alone (the key carries no tenant): an index on `id` keeps
 *   that lookup as fast as the old primary key did.
 *
 * Row-level security is untouched: no policy, grant or setting of a table changes.
 */
export class TenantKeys1765300000300 implements MigrationInterface {
  name = 'TenantKeys1765300000300';

  async up(q: QueryRunner): Promise<void> {
    // A foreign key on `id` alone cannot survive its target's new key: it goes first.
    await q.query('ALTER TABLE follow_up_tasks DROP CONSTRAINT follow_up_tasks_follow_up_id_fkey');
    for (const table of KEYED_BY_ID_WITH_TENANT_UNIQUE) {
      await rekey(q, table, ['tenant_id', 'id'], { dropUnique: `${table}_tenant_id_id_key` });
    }
    for (const table of KEYED_BY_ID) await rekey(q, table, ['tenant_id', 'id']);
    await rekey(q, 'complaint_investigations', ['tenant_id', 'complaint_id']);
    const statements = [
      `ALTER TABLE follow_up_tasks ADD CONSTRAINT follow_up_tasks_tenant_id_follow_up_id_fkey
         FOREIGN KEY (tenant_id, follow_up_id) REFERENCES complaint_follow_ups (tenant_id, id)`,
      'ALTER TABLE approval_steps DROP CONSTRAINT approval_steps_resolution_id_position_key',
      'ALTER TABLE approval_steps ADD CONSTRAINT approval_steps_tenant_id_resolution_id_position_key UNIQUE (tenant_id, resolution_id, position)',
      'ALTER TABLE complaint_events DROP CONSTRAINT complaint_events_seq_key',
      'ALTER TABLE complaint_events ADD CONSTRAINT complaint_events_tenant_id_seq_key UNIQUE (tenant_id, seq)',
      'CREATE INDEX api_keys_id_idx ON api_keys (id)',
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    const statements = [
      'DROP INDEX api_keys_id_idx',
      'ALTER TABLE complaint_events DROP CONSTRAINT complaint_events_tenant_id_seq_key',
      'ALTER TABLE complaint_events ADD CONSTRAINT complaint_events_seq_key UNIQUE (seq)',
      'ALTER TABLE approval_steps DROP CONSTRAINT approval_steps_tenant_id_resolution_id_position_key',
      'ALTER TABLE approval_steps ADD CONSTRAINT approval_steps_resolution_id_position_key UNIQUE (resolution_id, position)',
      'ALTER TABLE follow_up_tasks DROP CONSTRAINT follow_up_tasks_tenant_id_follow_up_id_fkey',
    ];
    for (const sql of statements) await q.query(sql);
    await rekey(q, 'complaint_investigations', ['complaint_id']);
    for (const table of KEYED_BY_ID) await rekey(q, table, ['id']);
    for (const table of KEYED_BY_ID_WITH_TENANT_UNIQUE) {
      await rekey(q, table, ['id'], { addUnique: { name: `${table}_tenant_id_id_key`, columns: ['tenant_id', 'id'] } });
    }
    await q.query(
      'ALTER TABLE follow_up_tasks ADD CONSTRAINT follow_up_tasks_follow_up_id_fkey FOREIGN KEY (follow_up_id) REFERENCES complaint_follow_ups (id)',
    );
  }
}

/**
 * Gives `table` the primary key `columns`, dropping a unique constraint the new key makes
 * redundant or adding one the old key covered. Foreign keys pointing at the table hang on the
 * index they were created against: they are dropped first and re-created, same name and
 * definition, on the new keys.
 */
async function rekey(
  q: QueryRunner,
  table: string,
  columns: string[],
  unique: { dropUnique?: string; addUnique?: { name: string; columns: string[] } } = {},
): Promise<void> {
  const references: ForeignKeyRow[] = await q.query(
    `SELECT c.conrelid::regclass::text AS table_name, quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.confrelid = $1::regclass
      ORDER BY c.conrelid::regclass::text, c.conname`,
    [table],
  );
  for (const fk of references) await q.query(`ALTER TABLE ${fk.table_name} DROP CONSTRAINT ${fk.name}`);
  if (unique.dropUnique) await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${unique.dropUnique}`);
  await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey`);
  await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (${columns.join(', ')})`);
  if (unique.addUnique) {
    await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${unique.addUnique.name} UNIQUE (${unique.addUnique.columns.join(', ')})`);
  }
  for (const fk of references) await q.query(`ALTER TABLE ${fk.table_name} ADD CONSTRAINT ${fk.name} ${fk.definition}`);
}
