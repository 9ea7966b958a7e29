import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { asLocale, I18nProvider, languageName, savedLocale, saveLocale, useT, type Locale } from './i18n';
import { linkTo, useAddress } from './navigation';
import { parseLocation, pathOf, type PublicPage } from './routes';
import { usePublicTenant, type PublicTenant } from './tenant';
import { ComplaintForm } from './complain/ComplaintForm';
import { HomePage } from './HomePage';
import { StatusPage } from './status/StatusPage';
import { TrackPage } from './TrackPage';

/**
 * The complainants' pages of one organisation, `/t/<slug>/…`: its home, the complaint form,
 * the tracking-code entry and the status page. The organisation comes from the address; the
 * language is the complainant's choice, else the organisation's.
 */
export function PublicApp() {
  const { pathname, hash } = useAddress();
  const route = parseLocation(pathname, hash);
  const [chosen, setChosen] = useState<Locale | null>(savedLocale);
  const [attempt, setAttempt] = useState(0);
  const loaded = usePublicTenant(route.slug, chosen, attempt);
  const tenant = loaded.tenant;
  const locale: Locale = chosen ?? asLocale(tenant?.locale) ?? asLocale(navigator.language) ?? 'zh-CN';
  const choose = useCallback((next: Locale) => {
    saveLocale(next);
    setChosen(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  let body: ReactNode;
  if (route.page === 'unknown' && (route.slug === null || loaded.state === 'missing')) body = <NotFound what="tenant" />;
  else if (loaded.state === 'missing') body = <NotFound what="tenant" />;
  else if (!tenant) body = loaded.state === 'failed' ? <LoadFailed retry={() => setAttempt((n) => n + 1)} /> : <Loading />;
  else body = <Page route={route} tenant={tenant} />;

  return (
    <I18nProvider locale={locale} timeZone={tenant?.timeZone ?? null} setLocale={choose}>
      <div className="shell">
        <Masthead tenant={tenant} slug={route.slug} />
        <main id="main">{body}</main>
      </div>
    </I18nProvider>
  );
}

function Page({ route, tenant }: { route: PublicPage; tenant: PublicTenant }) {
  switch (route.page) {
    case 'home':
      return <HomePage tenant={tenant} />;
    case 'complain':
      return <ComplaintForm tenant={tenant} />;
    case 'track':
      return <TrackPage tenant={tenant} />;
    case 'status':
      return <StatusPage tenant={tenant} code={route.code} />;
    default:
      return <NotFound what="page" />;
  }
}

function Masthead({ tenant, slug }: { tenant: PublicTenant | null; slug: string | null }) {
  const { other, setLocale } = useT();
  return (
    <header className="masthead">
      {tenant && slug !== null ? (
        <a className="brand" {...linkTo(pathOf.home(slug))} data-testid="tenant-brand">
          {tenant.logoUrl && <img className="logo" src={tenant.logoUrl} alt="" width={40} height={40} />}
          <span className="tenant-name">{tenant.name}</span>
        </a>
      ) : (
        <span className="brand" />
      )}
      <button
        type="button"
        className="language"
        // The other language's name, written in it: what its readers look for.
        lang={other}
        onClick={() => setLocale(other)}
        data-testid="language-switch"
      >
        {languageName(other)}
      </button>
    </header>
  );
}

/** Sets the window's title: the page's, then the organisation's name. */
export function usePageTitle(title: string, tenant: PublicTenant | null): void {
  useEffect(() => {
    document.title = tenant ? `${title} · ${tenant.name}` : title;
  }, [title, tenant]);
}

function NotFound({ what }: { what: 'tenant' | 'page' }) {
  const { t } = useT();
  usePageTitle(t('notFound.title'), null);
  return (
    <section className="panel" data-testid="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t(what === 'tenant' ? 'notFound.tenant' : 'notFound.page')}</p>
    </section>
  );
}

function Loading() {
  const { t } = useT();
  return (
    <p className="quiet" role="status">
      {t('page.loading')}
    </p>
  );
}

function LoadFailed({ retry }: { retry(): void }) {
  const { t } = useT();
  return (
    <section className="panel" role="alert">
      <p>{t('page.loadFailed')}</p>
      <button type="button" className="button" onClick={retry}>
        {t('page.retry')}
      </button>
    </section>
  );
}
