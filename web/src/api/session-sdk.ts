import type { MutationResult, RedressClient, Session, SessionExpiry, SignInOptions } from '@redress/client-sdk';
import type { StoredSession } from './session-storage';

/*
 * The session functions the console uses beyond `signIn`, by the names the SDK gives them:
 * `resumeSession`, `session.switchTenant` and the `onRenewed` option.
 *
 * TEMPORARY FALLBACK — replace when they are exported by @redress/client-sdk:
 *   - `resumeSession` below: replace the function with `export { resumeSession } from '@redress/client-sdk';`
 *     (until then a reload cannot resume: it answers `{ ok: false }` and the console asks to sign in);
 *   - `switchTenant` below: call `session.switchTenant(tenantSlug)` directly;
 *   - `SessionCallbacks`: use the SDK's option types.
 */

export interface SessionCallbacks {
  onExpired(expiry: SessionExpiry): void;
  /** Each renewal's new token and expiry (kept for the next reload). */
  onRenewed(grant: StoredSession): void;
}

export type ResumeResult = { ok: true; session: Session } | { ok: false; reason: string };

export async function resumeSession(_client: RedressClient, _stored: StoredSession, _options: SessionCallbacks): Promise<ResumeResult> {
  return { ok: false, reason: 'UNSUPPORTED' };
}

/** signIn's options with `onRenewed`, passed as a value so that the SDK's current type accepts it. */
export function signInOptions(options: Omit<SignInOptions, 'onExpired'> & SessionCallbacks): SignInOptions {
  return options;
}

type SwitchableSession = Session & { switchTenant?(tenantSlug: string): Promise<MutationResult<unknown>> };

/** A new token for another membership of the same user; null where the SDK cannot switch yet. */
export function switchTenant(session: Session, tenantSlug: string): Promise<MutationResult<unknown>> | null {
  const switchable = session as SwitchableSession;
  return typeof switchable.switchTenant === 'function' ? switchable.switchTenant(tenantSlug) : null;
}
