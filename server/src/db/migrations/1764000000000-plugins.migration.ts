import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantOwnedTable } from './rls.sql-helpers';

/** The plugins each tenant installed, with their configuration, and the roles plugins brought. */
export class Plugins1764000000000 implements MigrationInterface {
  name = 'Plugins1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE tenant_plugins (
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         plugin_id text NOT NULL,
         version text NOT NULL,
         config jsonb NOT NULL,
         installed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         PRIMARY KEY (tenant_id, plugin_id)
       )`,
      `CREATE TABLE tenant_roles (
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9-]{1,62}$'),
         label jsonb NOT NULL,
         plugin_id text,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, code)
       )`,
      ...tenantOwnedTable('tenant_plugins'),
      ...tenantOwnedTable('tenant_roles'),
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE tenant_roles');
    await q.query('DROP TABLE tenant_plugins');
  }
}
