/**
 * How each table of the schema would be placed on a Citus cluster, and the check that the
 * schema allows it (see docs/scale-out.md).
 *
 * A table with a `tenant_id` column is tenant-owned: distributed by `tenant_id`, all such
 * tables colocated, so one tenant's rows and the constraints among them sit on one shard.
 * Every other table must be listed here as a reference table (a copy on every node, for
 * small, platform-wide data that tenant-owned rows point at) or a local table (kept on the
 * coordinator only), with the reason. A tenant-owned table may be listed too, when its rows
 * are not one tenant's alone.
 */
export const NOT_DISTRIBUTED_BY_TENANT: Record<string, { placement: 'reference' | 'local'; reason: string }> = {
  tenants: {
    placement: 'reference',
    reason:
      'the tenant dimension itself: every tenant-owned table references it, and a tenant is found by its slug (login, the public forms) before its id is known',
  },
  users: {
    placement: 'reference',
    reason: 'one account may be a member of several tenants (memberships); found by e-mail at login, before any tenant is chosen',
  },
  ended_sessions: {
    placement: 'reference',
    reason:
      'one sign-in acts in several tenants (switchTenant) and platform sign-ins have no tenant (tenant_id NULL): a logout is checked in every tenant',
  },
  holiday_schedules: { placement: 'reference', reason: 'platform data: public holidays per region, read by every tenant in that region' },
  holiday_schedule_revisions: { placement: 'reference', reason: 'platform data: the history of holiday_schedules' },
  rate_limits: {
    placement: 'local',
    reason: 'short-lived counters keyed by address or tenant, written on every public request and joined with nothing',
  },
  schema_migrations: { placement: 'local', reason: "the migration runner's own bookkeeping" },
};

/** Runs one catalogue statement; the database is the one to check, read as its owner. */
export type CatalogueQuery = <T>(sql: string) => Promise<T[]>;

interface TableRow {
  oid: number;
  name: string;
  rls: boolean;
  force_rls: boolean;
  tenant_attnum: number | null;
  tenant_not_null: boolean | null;
}

interface ConstraintRow {
  table_oid: number;
  target_oid: number;
  name: string;
  type: 'p' | 'u' | 'f' | 'x';
  keys: number[];
  target_keys: number[] | null;
  definition: string;
}

interface UniqueIndexRow {
  table_oid: number;
  name: string;
  keys: number[];
  definition: string;
}

interface PolicyRow {
  table_oid: number;
  name: string;
  using: string | null;
  with_check: string | null;
}

/**
 * What stops the schema in `public` from being distributed by tenant, one sentence per
 * table and constraint; empty when nothing does. Checked:
 * - every table is tenant-owned (has `tenant_id`) or listed in NOT_DISTRIBUTED_BY_TENANT;
 * - a tenant-owned table has `tenant_id NOT NULL`, a primary key, and every unique
 *   constraint, exclusion constraint and unique index, including `tenant_id`;
 * - a foreign key between tenant-owned tables matches `tenant_id` with `tenant_id`;
 * - a reference or local table points at no tenant-owned table, and a reference table at
 *   no local one (Citus refuses both);
 * - a tenant-owned table has row-level security enabled and forced, with a policy on
 *   `tenant_id` against the transaction's `app.tenant_id`.
 */
export async function distributionProblems(query: CatalogueQuery): Promise<string[]> {
  const tables = await query<TableRow>(
    `SELECT c.oid::int AS oid, c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls,
            a.attnum::int AS tenant_attnum, a.attnotnull AS tenant_not_null
       FROM pg_class c
       LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      ORDER BY c.relname`,
  );
  const constraints = await query<ConstraintRow>(
    `SELECT k.conrelid::int AS table_oid, k.confrelid::int AS target_oid, k.conname AS name, k.contype AS type,
            k.conkey::int[] AS keys, k.confkey::int[] AS target_keys, pg_get_constraintdef(k.oid) AS definition
       FROM pg_constraint k
      WHERE k.connamespace = 'public'::regnamespace AND k.contype IN ('p', 'u', 'f', 'x')
      ORDER BY k.conname`,
  );
  const uniqueIndexes = await query<UniqueIndexRow>(
    `SELECT i.indrelid::int AS table_oid, x.relname AS name, i.indkey::int2[]::int[] AS keys, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
      WHERE i.indisunique AND x.relnamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
      ORDER BY x.relname`,
  );
  const policies = await query<PolicyRow>(
    `SELECT p.polrelid::int AS table_oid, p.polname AS name,
            pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
       FROM pg_policy p`,
  );

  const byOid = new Map(tables.map((t) => [t.oid, t]));
  const placementOf = (table: TableRow): 'distributed' | 'reference' | 'local' | 'unlisted' =>
    NOT_DISTRIBUTED_BY_TENANT[table.name]?.placement ?? (table.tenant_attnum !== null ? 'distributed' : 'unlisted');
  const problems: string[] = [];

  for (const listed of Object.keys(NOT_DISTRIBUTED_BY_TENANT)) {
    if (!tables.some((t) => t.name === listed)) problems.push(`${listed}: listed as a reference or local table but does not exist`);
  }

  for (const table of tables) {
    const placement = placementOf(table);
    const own = constraints.filter((k) => k.table_oid === table.oid);
    if (placement === 'unlisted') {
      problems.push(
        `${table.name}: has no tenant_id column and is not listed as a reference or local table (test/support/table-distribution.ts)`,
      );
      continue;
    }
    if (placement !== 'distributed') {
      for (const fk of own.filter((k) => k.type === 'f')) {
        const target = byOid.get(fk.target_oid)!;
        const targetPlacement = placementOf(target);
        if (targetPlacement === 'distributed') {
          problems.push(
            `${table.name}: foreign key ${fk.name} (${fk.definition}) of a ${placement} table points at tenant-owned ${target.name}`,
          );
        } else if (placement === 'reference' && targetPlacement === 'local') {
          problems.push(
            `${table.name}: foreign key ${fk.name} (${fk.definition}) of a reference table points at local table ${target.name}`,
          );
        }
      }
      continue;
    }

    const tenant = table.tenant_attnum!;
    if (!table.tenant_not_null) problems.push(`${table.name}: tenant_id may be NULL; a distribution column needs a value in every row`);
    if (!own.some((k) => k.type === 'p')) problems.push(`${table.name}: has no primary key`);
    for (const key of own.filter((k) => k.type === 'p' || k.type === 'u' || k.type === 'x')) {
      if (!key.keys.includes(tenant)) {
        const kind = { p: 'primary key', u: 'unique constraint', x: 'exclusion constraint' }[key.type as 'p' | 'u' | 'x'];
        problems.push(`${table.name}: ${kind} ${key.name} (${key.definition}) does not include tenant_id`);
      }
    }
    for (const index of uniqueIndexes.filter((i) => i.table_oid === table.oid)) {
      if (!index.keys.includes(tenant))
        problems.push(`${table.name}: unique index ${index.name} (${index.definition}) does not include tenant_id`);
    }
    for (const fk of own.filter((k) => k.type === 'f')) {
      const target = byOid.get(fk.target_oid)!;
      const targetPlacement = placementOf(target);
      if (targetPlacement === 'local') {
        problems.push(`${table.name}: foreign key ${fk.name} (${fk.definition}) points at local table ${target.name}`);
      } else if (targetPlacement === 'distributed') {
        const paired = fk.keys.some((column, i) => column === tenant && fk.target_keys![i] === target.tenant_attnum);
        if (!paired) {
          problems.push(
            `${table.name}: foreign key ${fk.name} (${fk.definition}) to tenant-owned ${target.name} does not match tenant_id with tenant_id`,
          );
        }
      }
    }
    if (!table.rls || !table.force_rls) problems.push(`${table.name}: row-level security is not enabled and forced`);
    const tenantPolicy = policies.some(
      (p) =>
        p.table_oid === table.oid && [p.using, p.with_check].some((expr) => expr !== null && /\btenant_id = .*app\.tenant_id/.test(expr)),
    );
    if (!tenantPolicy) problems.push(`${table.name}: no row-level security policy compares tenant_id with app.tenant_id`);
  }
  return problems;
}
