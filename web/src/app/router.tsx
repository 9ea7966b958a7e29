import { Result } from 'antd';
import { lazy } from 'react';
import { createBrowserRouter, matchPath, Navigate } from 'react-router';
import { useT } from '../i18n/i18n';
import { RequireSession } from './RequireSession';
import { lazyPage } from './lazy-page';
import { HOME, PAGES } from './routes';

const SignInPage = lazy(() => import('../pages/sign-in/SignInPage'));
const Frame = lazyPage(() => import('./Frame'));

/**
 * A console page opened directly (a reload, a link) fetches the frame's and its own code at
 * once, beside the session's resume, rather than each after the one before has rendered.
 */
function preloadOpenedPage(pathname: string): void {
  if (pathname === '/sign-in') return;
  void Frame.preload?.();
  const opened = PAGES.find((route) => matchPath(route.path, pathname))?.page;
  if (opened && 'preload' in opened) void opened.preload?.();
}

preloadOpenedPage(window.location.pathname);

function NotFound() {
  const { t } = useT();
  return <Result status="404" title={t('notFound.title')} />;
}

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    path: '/',
    element: (
      <RequireSession>
        <Frame />
      </RequireSession>
    ),
    children: [
      { index: true, element: <Navigate to={HOME} replace /> },
      ...PAGES.map(({ path, page: Page }) => ({ path, element: <Page /> })),
      { path: '*', element: <NotFound /> },
    ],
  },
]);
