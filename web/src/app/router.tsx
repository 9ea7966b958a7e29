import { Result } from 'antd';
import { lazy } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { useT } from '../i18n/i18n';
import { RequireSession } from './RequireSession';
import { HOME, PAGES } from './routes';

const SignInPage = lazy(() => import('../pages/sign-in/SignInPage'));
const Frame = lazy(() => import('./Frame'));

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
