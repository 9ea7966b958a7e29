import type { RedressClient } from '../client.js';
import { AuthError, GraphQLRequestError } from '../errors.js';
import { MeDocument } from '../generated/graphql.js';
import { startSession, type Session, type SessionGrant, type SessionOptions } from './session.js';

export type ResumeSessionResult =
  | { ok: true; session: Session }
  /**
   * EXPIRED: the stored token has run out, or the server no longer accepts it (logged out,
   * membership removed). REFUSED: the server accepts it but not for reading the viewer.
   * Either way the client's credentials are cleared: the app shows sign-in again.
   */
  | { ok: false; reason: 'EXPIRED' | 'REFUSED' };

/**
 * Resumes a session stored by the app (e.g. after a page reload), from the `token` and
 * `expiresAt` it got from `signIn`, `onRenewed` or `session.token`/`expiresAt`: the client's
 * credentials become the token, the viewer is read again, and the token is renewed before it
 * expires as `signIn` does. A stored expiry already past is refused without a request.
 * Network trouble throws (TransportError), with the credentials cleared: try again later.
 */
export async function resumeSession(
  client: RedressClient,
  stored: SessionGrant,
  options: SessionOptions = {},
): Promise<ResumeSessionResult> {
  const expiresAt = Date.parse(stored.expiresAt);
  if (!stored.token || !Number.isFinite(expiresAt) || expiresAt <= Date.now()) {
    client.setCredentials({});
    return { ok: false, reason: 'EXPIRED' };
  }
  client.setCredentials({ token: stored.token });
  let viewer;
  try {
    viewer = (await client.query(MeDocument)).me;
  } catch (error) {
    client.setCredentials({});
    if (error instanceof AuthError) return { ok: false, reason: 'EXPIRED' };
    if (error instanceof GraphQLRequestError && error.code === 'FORBIDDEN') return { ok: false, reason: 'REFUSED' };
    throw error;
  }
  return { ok: true, session: startSession(client, { token: stored.token, expiresAt: stored.expiresAt, viewer }, options) };
}
