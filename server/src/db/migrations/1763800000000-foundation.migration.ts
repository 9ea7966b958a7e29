import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_TENANT, CURRENT_USER_ID, RUNTIME_GROUP_ROLE, tenantOwnedTable } from './rls.sql-helpers';

/**
 * Tenants, users, memberships, departments, API keys and the audit trail, with row-level
 * security on every tenant-owned table. Runs as the owner; the runtime role only receives
 * grants through the NOLOGIN group role `redress_runtime`.
 */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${RUNTIME_GROUP_ROLE}') THEN
           CREATE ROLE ${RUNTIME_GROUP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
         END IF;
       END $$`,
      `REVOKE ALL ON SCHEMA public FROM PUBLIC`,
      `GRANT USAGE ON SCHEMA public TO ${RUNTIME_GROUP_ROLE}`,

      `CREATE TABLE tenants (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         time_zone text NOT NULL,
         locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE TABLE users (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
         display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
         password_hash text NOT NULL,
         is_platform_admin boolean NOT NULL DEFAULT false,
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE UNIQUE INDEX users_email_key ON users (email)`,
      `CREATE TABLE departments (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         parent_id uuid,
         created_at timestamptz NOT NULL DEFAULT now(),
         UNIQUE (tenant_id, id),
         UNIQUE (tenant_id, code),
         FOREIGN KEY (tenant_id, parent_id) REFERENCES departments (tenant_id, id)
       )`,
      `CREATE TABLE memberships (
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         user_id uuid NOT NULL REFERENCES users(id),
         roles text[] NOT NULL DEFAULT '{}',
         department_id uuid,
         created_at timestamptz NOT NULL DEFAULT now(),
         PRIMARY KEY (tenant_id, user_id),
         FOREIGN KEY (tenant_id, department_id) REFERENCES departments (tenant_id, id)
       )`,
      `CREATE INDEX memberships_user_idx ON memberships (user_id)`,
      `CREATE TABLE api_keys (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
         secret_hash text NOT NULL,
         roles text[] NOT NULL DEFAULT '{}',
         created_by uuid NOT NULL REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT now(),
         revoked_at timestamptz,
         UNIQUE (tenant_id, id)
       )`,
      `CREATE INDEX api_keys_tenant_idx ON api_keys (tenant_id, created_at)`,
      `CREATE TABLE audit_entries (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         actor_user_id uuid REFERENCES users(id),
         actor_api_key_id uuid,
         action text NOT NULL,
         target_type text NOT NULL,
         target_id text NOT NULL,
         details jsonb NOT NULL DEFAULT '{}',
         created_at timestamptz NOT NULL DEFAULT now()
       )`,
      `CREATE INDEX audit_entries_tenant_idx ON audit_entries (tenant_id, created_at)`,
      `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${RUNTIME_GROUP_ROLE}`,

      // Tenants: a request sees its own tenant, and the tenants its user belongs to.
      `ALTER TABLE tenants ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE tenants FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY tenant_self ON tenants USING (id = ${CURRENT_TENANT}) WITH CHECK (id = ${CURRENT_TENANT})`,
      `CREATE POLICY tenant_of_viewer ON tenants FOR SELECT USING (
         EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = tenants.id AND m.user_id = ${CURRENT_USER_ID}))`,
      `GRANT SELECT, INSERT, UPDATE ON tenants TO ${RUNTIME_GROUP_ROLE}`,

      // Users are global (one person, several tenants) but visible only to the tenants they belong to.
      `ALTER TABLE users ENABLE ROW LEVEL SECURITY`,
      `ALTER TABLE users FORCE ROW LEVEL SECURITY`,
      `CREATE POLICY user_visible ON users FOR SELECT USING (
         id = ${CURRENT_USER_ID}
         OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.tenant_id = ${CURRENT_TENANT}))`,
      `CREATE POLICY user_created_in_tenant ON users FOR INSERT WITH CHECK (${CURRENT_TENANT} IS NOT NULL AND NOT is_platform_admin)`,
      `CREATE POLICY user_updates_self ON users FOR UPDATE USING (id = ${CURRENT_USER_ID}) WITH CHECK (id = ${CURRENT_USER_ID})`,
      `GRANT SELECT, INSERT, UPDATE (display_name, password_hash) ON users TO ${RUNTIME_GROUP_ROLE}`,

      ...tenantOwnedTable('departments'),
      ...tenantOwnedTable('memberships'),
      // A user may list their own memberships in every tenant (\`me { memberships }\`).
      `CREATE POLICY membership_of_viewer ON memberships FOR SELECT USING (user_id = ${CURRENT_USER_ID})`,
      ...tenantOwnedTable('api_keys'),
      ...tenantOwnedTable('audit_entries', { appendOnly: true }),

      // Narrow lookups that must work before a tenant is known. SECURITY DEFINER runs them as
      // the owner; each returns only what authentication needs.
      `CREATE FUNCTION auth_user_by_email(p_email text)
         RETURNS TABLE (id uuid, password_hash text, is_platform_admin boolean)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
           SELECT u.id, u.password_hash, u.is_platform_admin FROM users u WHERE u.email = lower(p_email)
         $$`,
      `CREATE FUNCTION auth_tenant_by_slug(p_slug text)
         RETURNS TABLE (id uuid, name text, locale text, time_zone text)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
           SELECT t.id, t.name, t.locale, t.time_zone FROM tenants t WHERE t.slug = p_slug
         $$`,
      `CREATE FUNCTION auth_api_key(p_id uuid)
         RETURNS TABLE (tenant_id uuid, secret_hash text, roles text[], created_by uuid, revoked boolean)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
           SELECT k.tenant_id, k.secret_hash, k.roles, k.created_by, k.revoked_at IS NOT NULL FROM api_keys k WHERE k.id = p_id
         $$`,
      `REVOKE ALL ON FUNCTION auth_user_by_email(text), auth_tenant_by_slug(text), auth_api_key(uuid) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION auth_user_by_email(text), auth_tenant_by_slug(text), auth_api_key(uuid) TO ${RUNTIME_GROUP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION auth_api_key(uuid), auth_tenant_by_slug(text), auth_user_by_email(text)`);
    for (const table of ['audit_entries', 'api_keys', 'memberships', 'departments', 'users', 'tenants']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
