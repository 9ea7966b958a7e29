import { Button, Layout, Menu, Select, Space, Spin, Typography, message as antMessage } from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useSession } from '../api/session';
import { LOCALES, useT, type Locale } from '../i18n/i18n';
import { ConnectionIndicator } from './ConnectionIndicator';
import { useAfterFirstPaint } from './after-first-paint';
import { NotificationBell } from './notifications/NotificationBell';
import { PAGES } from './routes';

const LANGUAGE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** The console around every page: navigation, tenant switcher, language, connection, user. */
export default function Frame() {
  const { t, locale, setLocale } = useT();
  const { viewer, signOut, switchTenant } = useSession();
  const [message, messageHolder] = antMessage.useMessage();
  const navigate = useNavigate();
  const location = useLocation();
  // The page's content first; the menus and header controls follow once it is painted.
  const controlsShown = useAfterFirstPaint();
  const navItems = PAGES.filter((page) => page.nav && (!page.shownTo || (viewer && page.shownTo(viewer)))).map((page) => ({
    key: page.path.replace(/\/\*$/, ''),
    label: t(page.nav!),
  }));
  const selected = navItems.filter((item) => location.pathname.startsWith(item.key)).map((item) => item.key);
  const memberships = viewer?.memberships ?? [];
  // Below Ant Design's `lg` breakpoint (a tablet held upright) the navigation folds away behind
  // a button in the top bar and opens over the page.
  const [narrow, setNarrow] = useState(false);
  const [navOpen, setNavOpen] = useState(false);

  const onSwitch = async (tenantSlug: string) => {
    const outcome = await switchTenant(tenantSlug);
    if (outcome.kind === 'failed') void message.error(outcome.message);
    if (outcome.kind === 'sign-in-needed') {
      const name = memberships.find((membership) => membership.tenant.slug === tenantSlug)?.tenant.name ?? tenantSlug;
      await signOut();
      void navigate(`/sign-in?tenant=${encodeURIComponent(tenantSlug)}&switch=${encodeURIComponent(name)}`);
    }
    if (outcome.kind === 'switched') void navigate('/');
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {messageHolder}
      <a className="skip-link" href="#main">
        {t('frame.skipToContent')}
      </a>
      <Layout.Sider
        breakpoint="lg"
        onBreakpoint={(below) => {
          setNarrow(below);
          setNavOpen(false);
        }}
        collapsed={narrow && !navOpen}
        collapsedWidth={0}
        trigger={null}
        theme="light"
        width={200}
        id="console-navigation"
        className={narrow ? 'frame-nav-over-page' : undefined}
      >
        <Typography.Title level={4} style={{ padding: '16px 16px 0', margin: 0 }}>
          {t('app.name')}
        </Typography.Title>
        <nav aria-label={t('app.name')}>
          {controlsShown && (
            <Menu
              mode="inline"
              items={navItems}
              selectedKeys={selected}
              onClick={({ key }) => {
                setNavOpen(false);
                void navigate(key);
              }}
            />
          )}
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="top-bar">
          {controlsShown && (
            <>
              <Space size="middle" wrap>
                {narrow && (
                  <Button
                    aria-label={t('frame.navigation')}
                    aria-expanded={navOpen}
                    aria-controls="console-navigation"
                    data-testid="navigation-toggle"
                    onClick={() => setNavOpen(!navOpen)}
                  >
                    ☰
                  </Button>
                )}
                <Select
                  aria-label={t('frame.tenant')}
                  data-testid="tenant-switcher"
                  value={viewer?.tenant?.slug}
                  style={{ minWidth: 180 }}
                  options={memberships.map((membership) => ({ value: membership.tenant.slug, label: membership.tenant.name }))}
                  onChange={(slug: string) => void onSwitch(slug)}
                />
                <ConnectionIndicator />
              </Space>
              <Space size="middle">
                <NotificationBell />
                <Select
                  aria-label={t('frame.language')}
                  data-testid="language"
                  value={locale}
                  options={LOCALES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
                  onChange={(value: Locale) => setLocale(value)}
                />
                {viewer?.tenant ? (
                  // The user's own corner: their name opens their notification settings.
                  <Link to="/settings/notifications" data-testid="user-name" title={t('notice.settings')}>
                    {viewer.user.name}
                  </Link>
                ) : (
                  <Typography.Text data-testid="user-name">{viewer?.user.name}</Typography.Text>
                )}
                <Button data-testid="sign-out" onClick={() => void signOut().then(() => navigate('/sign-in'))}>
                  {t('frame.signOut')}
                </Button>
              </Space>
            </>
          )}
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} style={{ padding: 16 }}>
          <Suspense fallback={<Spin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
