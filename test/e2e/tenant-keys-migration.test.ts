import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../../server/src/entities';
import { MIGRATIONS } from '../../server/src/db/migrations';
import { TenantKeys1765300000300 } from '../../server/src/db/migrations/1765300000300-tenant-keys.migration';
import { deriveRuntimePassword, runtimeUrlFromOwnerUrl } from '../../server/src/db/runtime-role';
import { distributionProblems } from '../support/table-distribution';
import { TEST_TOKEN_SECRET, createTestDatabase } from '../support/test-database';

/**
 * The migration that puts tenant_id into every key, run on a database of the schema before
 * it, filled with rows of two tenants in every table whose keys it changes: the rows stay
 * as they were, the keys become distributable, row-level security and grants stay as they
 * were, and a cross-tenant reference the old keys let through is refused.
 */
const TENANTS = { a: 'aaaaaaaa-0000-4000-8000-000000000000', b: 'bbbbbbbb-0000-4000-8000-000000000000' };
type Letter = keyof typeof TENANTS;
/** The n-th row id of a tenant's fixtures: `aaaaaaaa-0000-4000-8000-00000000000n`. */
const id = (letter: Letter, n: number) => `${letter.repeat(8)}-0000-4000-8000-${String(n).padStart(12, '0')}`;

const REKEYED = [
  'api_keys',
  'approval_steps',
  'assets',
  'audit_entries',
  'complaint_deadlines',
  'complaint_events',
  'complaint_evidence',
  'complaint_follow_ups',
  'complaint_investigations',
  'complaint_links',
  'complaint_notes',
  'complaint_resolutions',
  'complaint_responses',
  'complaints',
  'customers',
  'departments',
  'follow_up_tasks',
  'membership_invitations',
  'monthly_reports',
  'penalties',
  'warning_records',
];

/** Rows of one tenant in every table the migration re-keys (ids: 1 user, 2 department, … see below). */
function tenantRows(letter: Letter): [string, unknown[]][] {
  const t = TENANTS[letter];
  const [user, department, customer, asset, complaint, other, resolution, followUp] = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => id(letter, n));
  const invitee = id(letter, 9);
  return [
    [
      `INSERT INTO tenants (id, slug, name, time_zone, locale) VALUES ($1, $2, $3, 'Asia/Shanghai', 'zh-CN')`,
      [t, `keys-${letter}`, `Tenant ${letter}`],
    ],
    [
      `INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, $2, 'Agent', 'x'), ($3, $4, 'Invitee', 'x')`,
      [user, `agent@${letter}.test`, invitee, `invitee@${letter}.test`],
    ],
    [`INSERT INTO departments (id, tenant_id, code, name) VALUES ($1, $2, 'service', 'Service')`, [department, t]],
    [`INSERT INTO memberships (tenant_id, user_id, department_id) VALUES ($1, $2, $3)`, [t, user, department]],
    [`INSERT INTO customers (id, tenant_id, name) VALUES ($1, $2, 'Complainant')`, [customer, t]],
    [`INSERT INTO assets (id, tenant_id, name, owner_customer_id) VALUES ($1, $2, 'Car', $3)`, [asset, t, customer]],
    [
      `INSERT INTO complaints (id, tenant_id, number, tracking_code, status, channel, received_at, description, customer_id, asset_id,
                               department_id, plugin_id, plugin_version)
       VALUES ($1, $3, 1, $4, 'RECEIVED', 'PHONE', '2026-11-25T02:00:00Z', 'Broken', $5, $6, $7, 'retail', '1.0.0'),
              ($2, $3, 2, $8, 'RECEIVED', 'PHONE', '2026-11-25T03:00:00Z', 'Broken again', $5, $6, $7, 'retail', '1.0.0')`,
      [complaint, other, t, `TRK-${letter}-1`, customer, asset, department, `TRK-${letter}-2`],
    ],
    [
      `INSERT INTO complaint_events (tenant_id, complaint_id, kind) VALUES ($1, $2, 'RECEIVED'), ($1, $3, 'RECEIVED')`,
      [t, complaint, other],
    ],
    [
      `INSERT INTO complaint_deadlines (id, tenant_id, complaint_id, stage, due_at, decided_by) VALUES ($1, $2, $3, 'ACKNOWLEDGE', '2026-11-26T02:00:00Z', 'retail')`,
      [id(letter, 10), t, complaint],
    ],
    [
      `INSERT INTO complaint_evidence (id, tenant_id, complaint_id, file_name, content_type, size_bytes) VALUES ($1, $2, $3, 'photo.jpg', 'image/jpeg', 10)`,
      [id(letter, 11), t, complaint],
    ],
    [
      `INSERT INTO complaint_follow_ups (id, tenant_id, complaint_id, scores) VALUES ($1, $2, $3, '{"overall": 4}')`,
      [followUp, t, complaint],
    ],
    [
      `INSERT INTO follow_up_tasks (id, tenant_id, complaint_id, sequence, due_at, decided_by, done_at, follow_up_id)
       VALUES ($1, $3, $4, 1, '2026-12-01T02:00:00Z', 'retail', '2026-12-01T01:00:00Z', $5),
              ($2, $3, $4, 2, '2026-12-08T02:00:00Z', 'retail', NULL, NULL)`,
      [id(letter, 12), id(letter, 13), t, complaint, followUp],
    ],
    [
      `INSERT INTO complaint_investigations (complaint_id, tenant_id, cause, course, conclusion, countermeasures, prevention)
       VALUES ($1, $2, 'cause', 'course', 'conclusion', 'countermeasures', 'prevention')`,
      [complaint, t],
    ],
    [
      `INSERT INTO complaint_links (id, tenant_id, complaint_id, related_complaint_id, match, decided_by) VALUES ($1, $2, $3, $4, 'COMPLAINANT', 'retail')`,
      [id(letter, 14), t, other, complaint],
    ],
    [`INSERT INTO complaint_notes (id, tenant_id, complaint_id, body) VALUES ($1, $2, $3, 'Called back')`, [id(letter, 15), t, complaint]],
    [
      `INSERT INTO complaint_resolutions (id, tenant_id, complaint_id, kind, description) VALUES ($1, $2, $3, 'REPAIR', 'Repair it')`,
      [resolution, t, complaint],
    ],
    [
      `INSERT INTO approval_steps (tenant_id, complaint_id, resolution_id, position, role, label)
       VALUES ($1, $2, $3, 1, 'supervisor', '{"en": "Supervisor"}'), ($1, $2, $3, 2, 'tenant-admin', '{"en": "Admin"}')`,
      [t, complaint, resolution],
    ],
    [
      `INSERT INTO complaint_responses (id, tenant_id, complaint_id, channel, message) VALUES ($1, $2, $3, 'PHONE', 'We are on it')`,
      [id(letter, 16), t, complaint],
    ],
    [
      `INSERT INTO penalties (id, tenant_id, complaint_id, trigger, subject_role, subject_department_id, rule, reason, points, decided_by)
       VALUES ($1, $2, $3, 'LOSS_AT_CLOSE', 'DEPARTMENT_HEAD', $4, 'loss', '{}', 1, 'retail')`,
      [id(letter, 17), t, complaint, department],
    ],
    [
      `INSERT INTO warning_records (id, tenant_id, complaint_id, subject_role, subject_department_id, major, cause, deadlines_missed,
                                    penalty_points, closed_at)
       VALUES ($1, $2, $3, 'RESPONSIBLE_DEPARTMENT', $4, false, 'cause', 0, 1, '2026-11-30T02:00:00Z')`,
      [id(letter, 18), t, complaint, department],
    ],
    [
      `INSERT INTO monthly_reports (id, tenant_id, month, period_from, period_to, data) VALUES ($1, $2, '2026-10', '2026-09-30T16:00:00Z', '2026-10-31T16:00:00Z', '{}')`,
      [id(letter, 19), t],
    ],
    [
      `INSERT INTO api_keys (id, tenant_id, name, secret_hash, created_by) VALUES ($1, $2, 'integration', 'hash', $3)`,
      [id(letter, 20), t, user],
    ],
    [`INSERT INTO audit_entries (tenant_id, action, target_type, target_id) VALUES ($1, 'CREATE', 'Complaint', $2)`, [t, complaint]],
    [
      `INSERT INTO membership_invitations (id, tenant_id, user_id, email, name, roles) VALUES ($1, $2, $3, $4, 'Invitee', '{agent}')`,
      [id(letter, 21), t, invitee, `invitee@${letter}.test`],
    ],
  ];
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let owner: Client;
const ownerQuery = async <T = any>(sql: string, params: unknown[] = []) => (await owner.query(sql, params)).rows as T[];

function migrator(migrations: (typeof MIGRATIONS)[number][]): DataSource {
  return new DataSource({
    type: 'postgres',
    url: database.url,
    entities: ENTITIES,
    migrations,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: { max: 2 },
  });
}

async function migrate(migrations: (typeof MIGRATIONS)[number][], direction: 'up' | 'undo' = 'up'): Promise<void> {
  const source = migrator(migrations);
  await source.initialize();
  try {
    if (direction === 'up') await source.runMigrations({ transaction: 'each' });
    else await source.undoLastMigration({ transaction: 'each' });
  } finally {
    await source.destroy();
  }
}

/** Every row of every table, as text, hashed per table. */
async function contents(): Promise<Record<string, string>> {
  const tables = await ownerQuery<{ name: string }>(
    `SELECT quote_ident(relname) AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname <> 'schema_migrations' ORDER BY relname`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await ownerQuery(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM ${name} t`,
    );
    result[name] = `${row.n}:${row.hash}`;
  }
  return result;
}

/** Row-level security of every table: enabled, forced, its policies and the runtime's grants. */
async function security(): Promise<unknown[]> {
  return [
    await ownerQuery(
      `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY relname`,
    ),
    await ownerQuery(
      `SELECT tablename, policyname, permissive, roles::text[], cmd, qual, with_check FROM pg_policies WHERE schemaname = 'public' ORDER BY tablename, policyname`,
    ),
    await ownerQuery(
      `SELECT table_name, grantee, privilege_type FROM information_schema.role_table_grants WHERE table_schema = 'public' AND grantee <> current_user
        ORDER BY table_name, grantee, privilege_type`,
    ),
  ];
}

const constraints = () =>
  ownerQuery(
    `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`,
  );

const position = MIGRATIONS.indexOf(TenantKeys1765300000300);
/** Up to this migration: later ones are not its concern. */
const throughTenantKeys = MIGRATIONS.slice(0, position + 1);
let before: { contents: Record<string, string>; security: unknown[]; constraints: unknown[] };

beforeAll(async () => {
  expect(position).toBeGreaterThan(0);
  database = await createTestDatabase();
  await migrate(MIGRATIONS.slice(0, position));
  owner = new Client({ connectionString: database.url });
  await owner.connect();
  for (const letter of ['a', 'b'] as const) for (const [sql, params] of tenantRows(letter)) await ownerQuery(sql, params);
  before = { contents: await contents(), security: await security(), constraints: await constraints() };
  await migrate(throughTenantKeys);
});

afterAll(async () => {
  await owner?.end();
  await database?.drop();
});

it('the fixtures fill every table the migration re-keys, for both tenants', async () => {
  for (const table of REKEYED) {
    const rows = await ownerQuery(`SELECT tenant_id::text, count(*)::int AS n FROM ${table} GROUP BY 1 ORDER BY 1`);
    expect({ table, rows: rows.map((r) => r.tenant_id) }).toEqual({ table, rows: [TENANTS.a, TENANTS.b] });
  }
});

it('keeps every row of every table as it was', async () => {
  expect(await contents()).toEqual(before.contents);
});

it('leaves a schema that distributes by tenant', async () => {
  expect(await distributionProblems(ownerQuery)).toEqual([]);
  const [complaintKey] = await ownerQuery(`SELECT pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE conname = 'complaints_pkey'`);
  expect(complaintKey.d).toBe('PRIMARY KEY (tenant_id, id)');
});

it('leaves row-level security, its policies and the grants as they were', async () => {
  expect(await security()).toEqual(before.security);
});

it('the runtime role still sees one tenant only, in every re-keyed table', async () => {
  const runtime = new Client({ connectionString: runtimeUrlFromOwnerUrl(database.url, deriveRuntimePassword(TEST_TOKEN_SECRET)) });
  await runtime.connect();
  try {
    await runtime.query('BEGIN');
    await runtime.query(`SELECT set_config('app.tenant_id', $1, true)`, [TENANTS.a]);
    for (const table of REKEYED) {
      const { rows } = await runtime.query(`SELECT array_agg(DISTINCT tenant_id::text) AS tenants FROM ${table}`);
      expect({ table, tenants: rows[0].tenants }).toEqual({ table, tenants: [TENANTS.a] });
    }
    await runtime.query('ROLLBACK');
  } finally {
    await runtime.end();
  }
});

it("refuses a follow-up task of one tenant pointing at another tenant's visit, which the old key allowed", async () => {
  const insert = `INSERT INTO follow_up_tasks (tenant_id, complaint_id, sequence, due_at, decided_by, done_at, follow_up_id)
                  VALUES ($1, $2, 3, '2026-12-15T02:00:00Z', 'retail', '2026-12-15T01:00:00Z', $3)`;
  await expect(ownerQuery(insert, [TENANTS.b, id('b', 5), id('a', 8)])).rejects.toMatchObject({
    code: '23503',
    constraint: 'follow_up_tasks_tenant_id_follow_up_id_fkey',
  });
  await owner.query('BEGIN');
  await expect(ownerQuery(insert, [TENANTS.b, id('b', 5), id('b', 8)])).resolves.toEqual([]);
  await owner.query('ROLLBACK');
});

it('undoes to the keys before it, rows unchanged, and applies again', async () => {
  await migrate(throughTenantKeys, 'undo');
  expect(await constraints()).toEqual(before.constraints);
  expect(await contents()).toEqual(before.contents);
  await migrate(throughTenantKeys);
  expect(await distributionProblems(ownerQuery)).toEqual([]);
  expect(await contents()).toEqual(before.contents);
});
