import { Client } from 'pg';
import { createOwnerDataSource } from '../../server/src/db/data-sources';
import { distributionProblems, type CatalogueQuery } from '../support/table-distribution';
import { createTestDatabase } from '../support/test-database';

/**
 * The migrated schema can be distributed by tenant (Citus): read from the catalogue, so a
 * table added later is held to the same rules (see test/support/table-distribution.ts and
 * docs/scale-out.md). The second half proves the check finds each kind of breach.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let client: Client;

beforeAll(async () => {
  database = await createTestDatabase();
  const owner = createOwnerDataSource(database.url);
  await owner.initialize();
  await owner.runMigrations({ transaction: 'each' });
  await owner.destroy();
  client = new Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

const catalogue: CatalogueQuery = async <T>(sql: string) => (await client.query(sql)).rows as T[];

it('every table of the migrated schema is tenant-keyed, or a listed reference or local table', async () => {
  expect(await distributionProblems(catalogue)).toEqual([]);
});

it('every tenant policy reads the tenant setting once per statement (an InitPlan), tables added later included', async () => {
  const policies = await catalogue<{ tablename: string; qual: string; with_check: string }>(
    `SELECT tablename, qual, with_check FROM pg_policies WHERE schemaname = 'public' AND policyname = 'tenant_isolation' ORDER BY tablename`,
  );
  expect(policies.length).toBeGreaterThan(20);
  const once = "(tenant_id = ( SELECT (NULLIF(current_setting('app.tenant_id'::text, true), ''::text))::uuid AS \"nullif\"))";
  expect(policies.filter((policy) => policy.qual !== once || policy.with_check !== once)).toEqual([]);
});

describe('the check names the table and constraint that break the rules', () => {
  let problems: string[];

  beforeAll(async () => {
    // Tables that break each rule, made and checked inside one transaction that is rolled back.
    await client.query('BEGIN');
    try {
      await client.query(`CREATE TABLE probe_platform_notes (id int PRIMARY KEY, body text)`);
      await client.query(
        `CREATE TABLE probe_tenant_notes (
           id uuid PRIMARY KEY,
           tenant_id uuid REFERENCES tenants (id),
           other_tenant_id uuid,
           complaint_id uuid,
           code text CONSTRAINT probe_tenant_notes_code_key UNIQUE,
           FOREIGN KEY (other_tenant_id, complaint_id) REFERENCES complaints (tenant_id, id)
         )`,
      );
      await client.query(`CREATE UNIQUE INDEX probe_tenant_notes_lower_code ON probe_tenant_notes (lower(code))`);
      await client.query(
        `ALTER TABLE holiday_schedules ADD COLUMN probe_tenant_id uuid, ADD COLUMN probe_complaint_id uuid,
           ADD CONSTRAINT probe_holiday_complaint_fkey FOREIGN KEY (probe_tenant_id, probe_complaint_id) REFERENCES complaints (tenant_id, id)`,
      );
      await client.query(
        `ALTER TABLE holiday_schedules ADD CONSTRAINT probe_holiday_migration_fkey FOREIGN KEY (year) REFERENCES schema_migrations (id) NOT VALID`,
      );
      await client.query('ALTER TABLE complaint_notes DROP CONSTRAINT complaint_notes_pkey, ADD PRIMARY KEY (id)');
      await client.query('ALTER TABLE complaint_notes NO FORCE ROW LEVEL SECURITY');
      problems = await distributionProblems(catalogue);
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it.each([
    ['a table without tenant_id that is not listed', 'probe_platform_notes: has no tenant_id column and is not listed'],
    [
      'a primary key without tenant_id',
      'probe_tenant_notes: primary key probe_tenant_notes_pkey (PRIMARY KEY (id)) does not include tenant_id',
    ],
    ['a unique constraint without tenant_id', 'probe_tenant_notes: unique constraint probe_tenant_notes_code_key (UNIQUE (code))'],
    ['a unique index without tenant_id', 'probe_tenant_notes: unique index probe_tenant_notes_lower_code'],
    ['a nullable tenant_id', 'probe_tenant_notes: tenant_id may be NULL'],
    [
      'a foreign key that matches another column with tenant_id',
      'probe_tenant_notes: foreign key probe_tenant_notes_other_tenant_id_complaint_id_fkey (FOREIGN KEY (other_tenant_id, complaint_id) REFERENCES complaints(tenant_id, id)) to tenant-owned complaints does not match tenant_id',
    ],
    ['a tenant-owned table without row-level security', 'probe_tenant_notes: row-level security is not enabled and forced'],
    ['a tenant-owned table without a tenant policy', 'probe_tenant_notes: no row-level security policy compares tenant_id'],
    ['a reference table pointing at a tenant-owned one', 'holiday_schedules: foreign key probe_holiday_complaint_fkey'],
    ['a reference table pointing at a local one', 'holiday_schedules: foreign key probe_holiday_migration_fkey'],
    [
      'an existing table whose key loses tenant_id',
      'complaint_notes: primary key complaint_notes_pkey (PRIMARY KEY (id)) does not include tenant_id',
    ],
    ['an existing table whose row-level security is no longer forced', 'complaint_notes: row-level security is not enabled and forced'],
  ])('%s', (_case, expected) => {
    expect(problems).toContainEqual(expect.stringContaining(expected));
  });

  it('finds nothing else', () => {
    expect(problems).toHaveLength(12);
  });
});
