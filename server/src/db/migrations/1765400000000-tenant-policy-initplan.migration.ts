import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_TENANT, CURRENT_TENANT_ONCE } from './rls.sql-helpers';

/**
 * The tenant policy of every tenant-owned table reads the transaction's tenant once per
 * statement: `tenant_id = (SELECT <setting>)` is an InitPlan, evaluated once, whose value the
 * index condition takes as a parameter, where `tenant_id = <setting>` was an expression the
 * planner carried through every path it considered and the executor evaluated per scan. Same
 * rows, same indexes (the condition stays an index condition on tenant_id); PostgreSQL plans
 * less per statement (see the S4 benchmark).
 *
 * The policies are found by name (`tenant_isolation`, made by `tenantOwnedTable`); their
 * commands, roles and permissiveness do not change, only the expressions.
 */
export class TenantPolicyInitplan1765400000000 implements MigrationInterface {
  name = 'TenantPolicyInitplan1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await alterTenantPolicies(q, CURRENT_TENANT_ONCE);
  }

  async down(q: QueryRunner): Promise<void> {
    await alterTenantPolicies(q, CURRENT_TENANT);
  }
}

async function alterTenantPolicies(q: QueryRunner, tenant: string): Promise<void> {
  const tables: { table_name: string }[] = await q.query(
    `SELECT tablename AS table_name FROM pg_policies WHERE schemaname = 'public' AND policyname = 'tenant_isolation' ORDER BY tablename`,
  );
  for (const { table_name: table } of tables) {
    await q.query(`ALTER POLICY tenant_isolation ON ${table} USING (tenant_id = ${tenant}) WITH CHECK (tenant_id = ${tenant})`);
  }
}
