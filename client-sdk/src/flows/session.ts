import type { RedressClient } from '../client.js';
import { AuthError, TransportError } from '../errors.js';
import {
  LoginDocument,
  LogoutDocument,
  RenewTokenDocument,
  SwitchTenantDocument,
  type ViewerFieldsFragment,
} from '../generated/graphql.js';
import type { MutationResult, UserError } from '../mutation-result.js';
import { backgroundTimer } from './task-queue.js';

/** Why a session ended without `logout()`: the app shows sign-in again. */
export type SessionExpiry =
  /** The server refused a renewal (e.g. the session reached its maximum age). */
  | { kind: 'REFUSED'; errors: ReadonlyArray<UserError> }
  /** The token ran out before it could be renewed, or the server no longer accepts it. */
  | { kind: 'EXPIRED' };

/** A session's token and its expiry: what an app stores to resume the session after a reload. */
export interface SessionGrant {
  token: string;
  /** ISO date-time. */
  expiresAt: string;
}

/** How a session (`signIn`, `resumeSession`) keeps itself going. */
export interface SessionOptions {
  /** Called once when the session ends without `logout()`; the client's credentials are cleared by then. */
  onExpired?(expiry: SessionExpiry): void;
  /** When in its lifetime a token is renewed, 0 to 1 (default 0.8). */
  renewAt?: number | undefined;
  /**
   * Called whenever the session's token is replaced (a renewal, `switchTenant`), not for the
   * token it started with: store the grant here to resume the session after a reload.
   */
  onRenewed?(grant: SessionGrant): void;
}

export interface SignInOptions extends SessionOptions {
  email: string;
  password: string;
  /** The organisation to act in; omit for a platform-level sign-in. */
  tenantSlug?: string | undefined;
}

export interface Session {
  /** The current token (renewals replace it). */
  readonly token: string;
  /** When the current token expires (ISO date-time). */
  readonly expiresAt: string;
  readonly viewer: ViewerFieldsFragment;
  /** False once the session ended (logout, refused renewal, expiry). */
  readonly active: boolean;
  /** Renews the token now; false when the session ended instead (see `onExpired`). */
  renew(): Promise<boolean>;
  /**
   * Moves the session to another organisation the user is a member of (null: platform level,
   * for platform administrators), keeping the same sign-in. On success the token, expiry and
   * viewer are replaced, the client's credentials follow (the WebSocket reconnects and live
   * helpers reload) and `onRenewed` is called. NOT_FOUND for an organisation that is not one
   * of the user's (unknown or not a member alike), leaving the session as it was;
   * SESSION_EXPIRED ends the session (the maximum session age counts from the sign-in).
   * Throws AuthError (UNAUTHENTICATED) once the session has ended, ending it when the server
   * no longer accepts its token. Waits for a renewal under way, and a renewal for a switch.
   */
  switchTenant(tenantSlug: string | null): Promise<MutationResult<{ viewer: ViewerFieldsFragment }>>;
  /** Ends the session on the server, clears the client's credentials and stops renewing. */
  logout(): Promise<MutationResult<Record<never, never>>>;
}

export type SignInResult = { ok: true; session: Session } | { ok: false; errors: ReadonlyArray<UserError> };

interface Grant {
  token: string;
  expiresAt: string;
  viewer: ViewerFieldsFragment;
}

/** A login or renewal answer with everything a session needs, else null. */
function grantOf(data: { token: string | null; expiresAt: string | null; viewer: ViewerFieldsFragment | null }): Grant | null {
  return data.token && data.expiresAt && data.viewer ? { token: data.token, expiresAt: data.expiresAt, viewer: data.viewer } : null;
}

/**
 * Signs in with a password and keeps the client signed in: the client's credentials become
 * the session's current token, renewed with `renewToken` before it expires (at `renewAt` of
 * its lifetime, measured on this device's clock). A refused renewal or a token that ran out
 * ends the session: credentials cleared, `onExpired` called. Timers never keep Node running.
 */
export async function signIn(client: RedressClient, options: SignInOptions): Promise<SignInResult> {
  const input = { email: options.email, password: options.password, ...(options.tenantSlug ? { tenantSlug: options.tenantSlug } : {}) };
  const result = await client.mutate(LoginDocument, { input });
  if (!result.ok) return result;
  const grant = grantOf(result.data);
  if (!grant) throw new TransportError('login succeeded without a token, its expiry or the viewer');
  return { ok: true, session: startSession(client, grant, options) };
}

/**
 * Runs a session from its first grant: the client's credentials become its token, renewed
 * before it expires. For `signIn` and `resumeSession`.
 */
export function startSession(client: RedressClient, first: Grant, options: SessionOptions): Session {
  const renewAt = Math.min(1, Math.max(0, options.renewAt ?? 0.8));
  let grant = first;
  let active = true;
  let renewTimer: ReturnType<typeof setTimeout> | undefined;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  let renewing: Promise<boolean> | null = null;
  let switching: Promise<unknown> | null = null;

  const clearTimers = () => {
    clearTimeout(renewTimer);
    clearTimeout(expiryTimer);
  };
  const end = (expiry: SessionExpiry | null) => {
    if (!active) return;
    active = false;
    clearTimers();
    client.setCredentials({});
    if (expiry) options.onExpired?.(expiry);
  };
  const schedule = () => {
    clearTimers();
    const remaining = Date.parse(grant.expiresAt) - Date.now();
    renewTimer = backgroundTimer(() => void renew().catch(() => undefined), remaining * renewAt);
    expiryTimer = backgroundTimer(() => {
      // A long wait is cut short by the timer's limit: check the time again.
      if (Date.parse(grant.expiresAt) > Date.now()) schedule();
      else end({ kind: 'EXPIRED' });
    }, remaining);
  };
  const adopt = (next: Grant) => {
    grant = next;
    // Reconnects the WebSocket: the server checks a live connection's credentials at each event.
    client.setCredentials({ token: () => (active ? grant.token : null) });
    schedule();
  };
  /** A later grant of the running session: adopted, and told to the app. */
  const replace = (next: Grant) => {
    adopt(next);
    options.onRenewed?.({ token: next.token, expiresAt: next.expiresAt });
  };
  /** Renewals and switches one at a time (a renewal's answer never undoes a switch): waits for those under way. */
  const settledAll = (pending: ReadonlyArray<Promise<unknown> | null>) =>
    Promise.all(pending.flatMap((p) => (p ? [p.catch(() => undefined)] : [])));

  const renew = (): Promise<boolean> =>
    (renewing ??= (async () => {
      try {
        await settledAll([switching]);
        if (!active) return false;
        const result = await client.mutate(RenewTokenDocument);
        if (!active) return false;
        if (!result.ok) {
          end({ kind: 'REFUSED', errors: result.errors });
          return false;
        }
        const next = grantOf(result.data);
        if (!next) {
          end({ kind: 'EXPIRED' });
          return false;
        }
        replace(next);
        return true;
      } catch (error) {
        if (error instanceof AuthError && error.code === 'UNAUTHENTICATED') {
          end({ kind: 'EXPIRED' });
          return false;
        }
        // Unreachable for now: try again halfway to the expiry (the expiry timer ends the session if it comes first).
        const remaining = Date.parse(grant.expiresAt) - Date.now();
        clearTimeout(renewTimer);
        if (active) renewTimer = backgroundTimer(() => void renew().catch(() => undefined), Math.max(1000, remaining / 2));
        throw error;
      } finally {
        renewing = null;
      }
    })());

  const switchTenant = (tenantSlug: string | null): Promise<MutationResult<{ viewer: ViewerFieldsFragment }>> => {
    const before = [renewing, switching];
    const run = (async (): Promise<MutationResult<{ viewer: ViewerFieldsFragment }>> => {
      await settledAll(before);
      if (!active) throw new AuthError('UNAUTHENTICATED', 'The session has ended');
      let result;
      try {
        result = await client.mutate(SwitchTenantDocument, { input: { tenantSlug } });
      } catch (error) {
        if (error instanceof AuthError && error.code === 'UNAUTHENTICATED') end({ kind: 'EXPIRED' });
        throw error;
      }
      if (!active) throw new AuthError('UNAUTHENTICATED', 'The session has ended');
      if (!result.ok) {
        // The sign-in is too old for any new token: over, as a refused renewal would say.
        if (result.errors.some((e) => e.code === 'SESSION_EXPIRED')) end({ kind: 'REFUSED', errors: result.errors });
        return result;
      }
      const next = grantOf(result.data);
      if (!next) throw new TransportError('switchTenant succeeded without a token, its expiry or the viewer');
      replace(next);
      return { ok: true, data: { viewer: next.viewer } };
    })();
    const settled = run.finally(() => {
      if (switching === settled) switching = null;
    });
    switching = settled;
    return settled;
  };

  adopt(first);

  return {
    get token() {
      return grant.token;
    },
    get expiresAt() {
      return grant.expiresAt;
    },
    get viewer() {
      return grant.viewer;
    },
    get active() {
      return active;
    },
    renew,
    switchTenant,
    async logout() {
      clearTimers();
      try {
        return active ? await client.mutate(LogoutDocument) : { ok: true, data: {} };
      } finally {
        end(null);
      }
    },
  };
}
