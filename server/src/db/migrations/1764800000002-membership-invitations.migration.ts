import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_USER_ID, tenantOwnedTable } from './rls.sql-helpers';

/**
 * A person who already has an account joins another tenant only when they accept. The
 * inviting tenant sees its invitations (row-level security as for every tenant table); the
 * invitee sees and may delete (decline) their own, and sees the inviting tenant's row.
 */
export class MembershipInvitations1764800000002 implements MigrationInterface {
  name = 'MembershipInvitations1764800000002';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE membership_invitations (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
         user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
         email text NOT NULL,
         name text NOT NULL,
         roles text[] NOT NULL,
         department_id uuid,
         invited_by uuid,
         created_at timestamptz NOT NULL DEFAULT app_now(),
         UNIQUE (tenant_id, user_id)
       )`,
      `CREATE INDEX membership_invitations_user_idx ON membership_invitations (user_id)`,
      ...tenantOwnedTable('membership_invitations'),
      `CREATE POLICY invitation_of_invitee ON membership_invitations FOR SELECT USING (user_id = ${CURRENT_USER_ID})`,
      `CREATE POLICY invitation_declined_by_invitee ON membership_invitations FOR DELETE USING (user_id = ${CURRENT_USER_ID})`,
      `CREATE POLICY tenant_of_invitee ON tenants FOR SELECT USING (
         EXISTS (SELECT 1 FROM membership_invitations i WHERE i.tenant_id = tenants.id AND i.user_id = ${CURRENT_USER_ID}))`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP POLICY tenant_of_invitee ON tenants');
    await q.query('DROP TABLE membership_invitations');
  }
}
