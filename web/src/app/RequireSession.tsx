import { lazy, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useStartedEarly } from '../api/early-live';
import { useSession } from '../api/session';

// Shown only while a stored session resumes: not worth its place in the start's code.
const Spin = lazy(() => import('antd/es/spin'));

/**
 * Console pages need a session: without one, sign in first and come back here (`?next=`).
 * The page opened at start whose data is already coming with the stored token is drawn while
 * that session resumes (the frame fills in the user when it is known); others wait.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  const drawnEarly = useStartedEarly(location.pathname);
  if (status === 'resuming' && !drawnEarly) return <Spin fullscreen />;
  if (status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return <>{children}</>;
}
