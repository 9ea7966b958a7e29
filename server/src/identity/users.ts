import { randomUUID } from 'node:crypto';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { IdRow } from '../db/common-rows';

/**
 * Finds a platform user by email or creates one. Users are global; the lookup goes
 * through the narrow `auth_user_by_email` function because, before the membership
 * exists, row-level security rightly hides the user from this tenant. The insert has no
 * RETURNING for the same reason. Both go through `tx`: the caller's one connection.
 */
export async function createOrFindUser(
  tx: TenantTransaction,
  user: { email: string; name: string; passwordHash: string },
): Promise<{ id: string; existed: boolean }> {
  const [existing] = await tx.lookup<IdRow>('SELECT id FROM auth_user_by_email($1)', [user.email]);
  if (existing) return { id: existing.id, existed: true };
  const id = randomUUID();
  await tx.query('INSERT INTO users (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4)', [
    id,
    user.email,
    user.name,
    user.passwordHash,
  ]);
  return { id, existed: false };
}
