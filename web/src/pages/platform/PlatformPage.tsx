import { Menu, Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useSession } from '../../api/session';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.en';
import { mayAdministerPlatform } from '../admin/admin-access';
import { Refusal } from '../admin/SectionProblem';

const SECTIONS: { path: string; label: MessageKey; page: ReturnType<typeof lazy> }[] = [
  { path: 'tenants', label: 'platform.nav.tenants', page: lazy(() => import('./TenantsSection')) },
  { path: 'holidays', label: 'platform.nav.holidays', page: lazy(() => import('./HolidaySchedulesSection')) },
];

/** The platform's administration (platform administrators): tenants and public-holiday schedules. */
export default function PlatformPage() {
  const { t } = useT();
  const { viewer } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  if (!viewer || !mayAdministerPlatform(viewer)) return <Refusal />;
  const current = SECTIONS.find((section) => location.pathname.startsWith(`/platform/${section.path}`))?.path;
  return (
    <div data-testid="platform-area">
      <nav aria-label={t('nav.platform')}>
        <Menu
          mode="horizontal"
          selectedKeys={current ? [current] : []}
          items={SECTIONS.map((section) => ({ key: section.path, label: t(section.label) }))}
          onClick={({ key }) => void navigate(`/platform/${key}`)}
          style={{ marginBottom: 16 }}
        />
      </nav>
      <Suspense fallback={<Spin />}>
        <Routes>
          <Route index element={<Navigate to="tenants" replace />} />
          {SECTIONS.map(({ path, page: Section }) => (
            <Route key={path} path={path} element={<Section />} />
          ))}
        </Routes>
      </Suspense>
    </div>
  );
}
