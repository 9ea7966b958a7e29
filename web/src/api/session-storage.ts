/** What survives a page reload: the session's token and its expiry, in this tab only. */
export interface StoredSession {
  token: string;
  expiresAt: string;
}

const KEY = 'redress.session';

export function readStoredSession(): StoredSession | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<StoredSession> | null;
    if (typeof value?.token !== 'string' || typeof value.expiresAt !== 'string') return null;
    return Date.parse(value.expiresAt) > Date.now() ? { token: value.token, expiresAt: value.expiresAt } : null;
  } catch {
    return null;
  }
}

export function storeSession(session: StoredSession): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ token: session.token, expiresAt: session.expiresAt }));
  } catch {
    // Storage refused: a reload signs in again.
  }
}

export function clearStoredSession(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
