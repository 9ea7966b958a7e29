import type { Viewer } from '../context/viewer';
import { forbidden } from '../graphql/errors';

/**
 * What an API key hands on, to a new key or to a member it invites or re-roles, it must
 * hold itself: a key cannot make a key, or a member, with rights it does not have. (Its own
 * roles are already cut to its creator's at authentication.) People are not limited here:
 * a tenant administrator may give any role of the tenant.
 */
export function assertKeyMayGrant(viewer: Viewer, roles: readonly string[]): void {
  if (!viewer.apiKeyId) return;
  const beyond = roles.filter((role) => !viewer.roles.has(role));
  if (beyond.length) throw forbidden(`An API key may only grant roles it holds itself; not: ${beyond.join(', ')}`);
}
