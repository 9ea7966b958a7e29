import { Menu, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useSession } from '../../api/session';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.en';
import { mayAdministerTenant } from './admin-access';
import { Refusal } from './SectionProblem';

const SECTIONS: { path: string; label: MessageKey; page: ReturnType<typeof lazy> }[] = [
  { path: 'members', label: 'admin.nav.members', page: lazy(() => import('./MembersSection')) },
  { path: 'departments', label: 'admin.nav.departments', page: lazy(() => import('./DepartmentsSection')) },
  { path: 'api-keys', label: 'admin.nav.apiKeys', page: lazy(() => import('./ApiKeysSection')) },
  { path: 'plugins', label: 'admin.nav.plugins', page: lazy(() => import('./plugins/PluginsSection')) },
  { path: 'survey', label: 'admin.nav.survey', page: lazy(() => import('./SurveySection')) },
  { path: 'calendar', label: 'admin.nav.calendar', page: lazy(() => import('./CalendarSection')) },
  { path: 'public-pages', label: 'admin.nav.publicPages', page: lazy(() => import('./PublicPagesSection')) },
  { path: 'notifications', label: 'admin.nav.notifications', page: lazy(() => import('./notifications/NotificationsSection')) },
  { path: 'webhooks', label: 'admin.nav.webhooks', page: lazy(() => import('./webhooks/WebhooksSection')) },
];

/**
 * The tenant's administration: its own navigation over members, departments, API keys, plugins,
 * survey, calendar, public pages, notifications and webhooks.
 */
export default function AdminPage() {
  const { t } = useT();
  const { viewer } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (!viewer || !mayAdministerTenant(viewer)) return <Refusal />;
  const current = SECTIONS.find((section) => location.pathname.startsWith(`/admin/${section.path}`))?.path;
  return (
    <div data-testid="admin-area">
      <nav aria-label={t('nav.admin')}>
        <Menu
          mode="horizontal"
          selectedKeys={current ? [current] : []}
          items={SECTIONS.map((section) => ({ key: section.path, label: t(section.label) }))}
          onClick={({ key }) => void navigate(`/admin/${key}`)}
          style={{ marginBottom: 16 }}
        />
      </nav>
      <Suspense fallback={<Spin />}>
        <Routes>
          <Route index element={<Navigate to="members" replace />} />
          {SECTIONS.map(({ path, page: Section }) => (
            <Route key={path} path={path} element={<Section />} />
          ))}
        </Routes>
      </Suspense>
    </div>
  );
}
