import type { RedressClient } from '@redress/client-sdk';
import type { QueryClient } from '@tanstack/react-query';
import { lazy } from 'react';
import { createBrowserRouter, matchPath, Navigate } from 'react-router';
import type { Locale } from '../i18n/i18n';
import { markPageStartedEarly } from '../api/early-live';
import { RequireSession } from './RequireSession';
import { lazyPage } from './lazy-page';
import { HOME, PAGES } from './routes';

const SignInPage = lazy(() => import('../pages/sign-in/SignInPage'));
const Frame = lazyPage(() => import('./Frame'));

/**
 * A console page opened directly (a reload, a link) fetches the frame's and its own code at
 * once, beside the session's resume, rather than each after the one before has rendered.
 */
function preloadOpenedPage(pathname: string): Promise<unknown> {
  if (pathname === '/sign-in') return Promise.resolve();
  const opened = PAGES.find((route) => matchPath(route.path, pathname))?.page;
  const code = Promise.all([Frame.preload?.(), opened && 'preload' in opened ? opened.preload?.() : undefined]);
  code.catch(() => undefined);
  return code;
}

const openedPageCode = preloadOpenedPage(window.location.pathname);

/** A page opened directly with a stored session asks for its data at once (`data` in PAGES), beside the resume. */
export function startOpenedPageData(client: RedressClient, queryClient: QueryClient, locale: Locale): void {
  const { pathname, search } = window.location;
  const start = PAGES.find((route) => matchPath(route.path, pathname))?.data;
  if (!start) return;
  start(client, queryClient, locale, search);
  markPageStartedEarly(pathname, openedPageCode);
}

// Ant Design's Result pictures are large: loaded only when an unknown address is opened.
const NotFound = lazy(() => import('./NotFound'));

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
