/**
 * SQL builders shared by migrations, so that every tenant-owned table gets exactly the
 * same row-level security policy and runtime grants.
 */
export const RUNTIME_GROUP_ROLE = 'redress_runtime';

export const CURRENT_TENANT = `NULLIF(current_setting('app.tenant_id', true), '')::uuid`;
/** The same, as an InitPlan: evaluated once per statement, its value a parameter of index conditions. */
export const CURRENT_TENANT_ONCE = `(SELECT ${CURRENT_TENANT})`;
export const CURRENT_USER_ID = `NULLIF(current_setting('app.user_id', true), '')::uuid`;

/**
 * Enables and forces RLS with the tenant policy; `appendOnly` grants no UPDATE or DELETE.
 * Migrations before 1765400000000 made the policy with `CURRENT_TENANT`, which that migration
 * rewrote to `CURRENT_TENANT_ONCE`; kept as it was so those migrations do what they did, a
 * later table's migration follows it with the same rewrite (see TenantPolicyInitplan; citus-ready-schema.test.ts
 * fails for a tenant policy of the older form).
 */
export function tenantOwnedTable(table: string, options: { appendOnly?: boolean } = {}): string[] {
  const privileges = options.appendOnly ? 'SELECT, INSERT' : 'SELECT, INSERT, UPDATE, DELETE';
  return [
    `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${table} USING (tenant_id = ${CURRENT_TENANT}) WITH CHECK (tenant_id = ${CURRENT_TENANT})`,
    `GRANT ${privileges} ON ${table} TO ${RUNTIME_GROUP_ROLE}`,
  ];
}
