import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useStartedEarly } from '../api/early-live';
import { useSession } from '../api/session';
import { useT } from '../i18n/i18n';

/**
 * Shown while a stored session resumes. Plain markup, not a lazily loaded Ant Design Spin: a
 * component that suspends here shows the root Suspense fallback, and React then holds every
 * reveal after it back until 300 ms have passed, the queue's first rows included.
 */
function Resuming() {
  const { t } = useT();
  return <div className="session-resuming" role="status" aria-busy="true" aria-label={t('frame.resuming')} />;
}

/**
 * Console pages need a session: without one, sign in first and come back here (`?next=`).
 * The page opened at start whose data is already coming with the stored token is drawn while
 * that session resumes (the frame fills in the user when it is known); others wait.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  const drawnEarly = useStartedEarly(location.pathname);
  if (status === 'resuming' && !drawnEarly) return <Resuming />;
  if (status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
