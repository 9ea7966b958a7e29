import { useT } from './i18n';
import { linkTo } from './navigation';
import { usePageTitle } from './PublicApp';
import { pathOf } from './routes';
import type { PublicTenant } from './tenant';

/** `/t/<slug>/`: the two things a complainant comes for. */
export function HomePage({ tenant }: { tenant: PublicTenant }) {
  const { t } = useT();
  usePageTitle(t('home.title'), tenant);
  return (
    <section>
      <h1>{t('home.title')}</h1>
      <ul className="choices">
        <li>
          <a className="choice" {...linkTo(pathOf.complain(tenant.slug))} data-testid="home-complain">
            <span className="choice-title">{t('home.complain')}</span>
            <span className="choice-hint">{t('home.complainHint')}</span>
          </a>
        </li>
        <li>
          <a className="choice" {...linkTo(pathOf.track(tenant.slug))} data-testid="home-track">
            <span className="choice-title">{t('home.track')}</span>
            <span className="choice-hint">{t('home.trackHint')}</span>
          </a>
        </li>
      </ul>
    </section>
  );
}
