import {
  resumeSession,
  type ResumeSessionResult,
  signIn as sdkSignIn,
  type Session,
  type SessionOptions,
  type SignInResult,
  type ViewerFieldsFragment,
} from '@redress/client-sdk';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { authClient } from './clients';
import { clearStoredSession, readStoredSession, storeSession } from './session-storage';

export type SwitchOutcome = { kind: 'switched' } | { kind: 'failed'; message: string } | { kind: 'sign-in-needed' };

interface SessionContextValue {
  /** 'resuming' while a stored session is checked after a reload. */
  status: 'resuming' | 'signed-out' | 'signed-in';
  session: Session | null;
  viewer: ViewerFieldsFragment | null;
  /** True once a session ended by itself (expiry, refused renewal): the sign-in page says so. */
  expired: boolean;
  signIn(tenantSlug: string, email: string, password: string): Promise<SignInResult>;
  signOut(): Promise<void>;
  switchTenant(tenantSlug: string): Promise<SwitchOutcome>;
  /** The server refused the session's token (signed out elsewhere, revoked): end it here and ask to sign in. */
  expire(): void;
}

/** A stored session is resumed in up to 5 tries, 0.5, 1, 2 and 4 s apart, before the user must sign in. */
const RESUME_ATTEMPTS = 5;
const RESUME_FIRST_WAIT_MS = 500;

/** How long sign-out waits for the server to end the sign-in. */
const SIGN_OUT_WAIT_MS = 5000;

const SessionContext = createContext<SessionContextValue | null>(null);

/** What sessions report (expiry, renewal) goes to the provider mounted now. */
let sessionHandlers: SessionOptions = { onRenewed: (grant) => storeSession(grant) };
const sessionEvents: SessionOptions = {
  onExpired: (expiry) => sessionHandlers.onExpired?.(expiry),
  onRenewed: (grant) => sessionHandlers.onRenewed?.(grant),
};

/**
 * A stored session's resume is asked for as the code starts, not after the first render:
 * pages' data started beside it (router.tsx) and the page's code arrive meanwhile. The
 * sign-in page resumes as before, from its first render.
 */
const storedAtStart = window.location.pathname === '/sign-in' ? null : readStoredSession();
let resumeAtStart: Promise<ResumeSessionResult> | null = storedAtStart ? resumeSession(authClient, storedAtStart, sessionEvents) : null;
resumeAtStart?.catch(() => undefined);

/** Holds the signed-in session: sign-in, resume after a reload, renewals kept, expiry, tenant switch, sign-out. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [viewer, setViewer] = useState<ViewerFieldsFragment | null>(null);
  const [status, setStatus] = useState<SessionContextValue['status']>(() => (readStoredSession() ? 'resuming' : 'signed-out'));
  const [expired, setExpired] = useState(false);
  const current = useRef<Session | null>(null);

  const adopt = useCallback((next: Session | null) => {
    current.current = next;
    setSession(next);
    setViewer(next?.viewer ?? null);
    setStatus(next ? 'signed-in' : 'signed-out');
    if (next) storeSession(next);
    else clearStoredSession();
  }, []);

  // One function for the provider's life: pages hold it in effects (useLive), which must not
  // restart their watches each time the session's state moves on (the resume ending, a renewal).
  const expire = useCallback(() => {
    const ending = current.current;
    if (!ending) return;
    adopt(null);
    setExpired(true);
    // Stops its renewal timers; the server has ended it already.
    ending.logout().catch(() => undefined);
  }, [adopt]);

  const callbacks = useMemo<SessionOptions>(() => {
    sessionHandlers = {
      onExpired: () => {
        adopt(null);
        setExpired(true);
      },
      onRenewed: (grant) => storeSession(grant),
    };
    return sessionEvents;
  }, [adopt]);

  useEffect(() => {
    const stored = readStoredSession();
    if (!stored) return;
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // Only the server's answer that the session is over signs the user out; a server that is
    // busy or out of reach (a 503, a restart) is asked again with back-off, the page waiting.
    const attempt = (tries: number) => {
      const started = tries === 1 && resumeAtStart && storedAtStart?.token === stored.token ? resumeAtStart : null;
      resumeAtStart = null;
      (started ?? resumeSession(authClient, stored, callbacks)).then(
        (result) => {
          if (!cancelled) adopt(result.ok ? result.session : null);
        },
        () => {
          if (cancelled) return;
          if (tries >= RESUME_ATTEMPTS) adopt(null);
          else retry = setTimeout(() => attempt(tries + 1), RESUME_FIRST_WAIT_MS * 2 ** (tries - 1));
        },
      );
    };
    attempt(1);
    return () => {
      cancelled = true;
      clearTimeout(retry);
    };
  }, [adopt, callbacks]);

  // Renewals replace the token: keep the latest for a reload, whether or not onRenewed told us.
  useEffect(() => {
    const keep = () => {
      if (current.current?.active) storeSession(current.current);
    };
    window.addEventListener('pagehide', keep);
    return () => window.removeEventListener('pagehide', keep);
  }, []);

  const value = useMemo<SessionContextValue>(
    () => ({
      status,
      session,
      viewer,
      expired,
      async signIn(tenantSlug, email, password) {
        const result = await sdkSignIn(authClient, { tenantSlug, email, password, ...callbacks });
        if (result.ok) {
          setExpired(false);
          adopt(result.session);
        }
        return result;
      },
      async signOut() {
        const ending = current.current;
        // The server ends the sign-in before the page lets go of it, so a tab closed right after
        // leaves no usable token behind; a server that does not answer keeps nobody signed in.
        const serverLogout = ending?.logout().catch(() => undefined);
        await Promise.race([serverLogout, new Promise((resolve) => setTimeout(resolve, SIGN_OUT_WAIT_MS))]);
        adopt(null);
      },
      expire,
      async switchTenant(tenantSlug) {
        const active = current.current;
        if (!active) return { kind: 'sign-in-needed' };
        const result = await active.switchTenant(tenantSlug);
        if (!result.ok) return { kind: 'failed', message: result.errors.map((error) => error.message).join(' ') };
        adopt(active);
        return { kind: 'switched' };
      },
    }),
    [status, session, viewer, expired, callbacks, adopt, expire],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
