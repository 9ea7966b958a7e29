import { asLocale, type Locale } from './i18n';

const KEY = 'redress.locale';

/** The language the user picked in the console, if any (kept in this browser). */
export function savedLocale(): Locale | null {
  try {
    return asLocale(localStorage.getItem(KEY));
  } catch {
    return null;
  }
}

export function saveLocale(locale: Locale): void {
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    // Storage refused (private mode): the choice lasts until the page is left.
  }
}

/** The user's choice, else the tenant's language, else the browser's, else Chinese. */
export function pickLocale(tenantLocale: string | null | undefined): Locale {
  return savedLocale() ?? asLocale(tenantLocale) ?? asLocale(navigator.language) ?? 'zh-CN';
}

const SHOWN_KEY = 'redress.locale.shown';

/** The language the console last showed a signed-in user in this tab: a reload's best guess before the session is known. */
export function shownLocale(): Locale | null {
  try {
    return asLocale(sessionStorage.getItem(SHOWN_KEY));
  } catch {
    return null;
  }
}

export function rememberShownLocale(locale: Locale): void {
  try {
    sessionStorage.setItem(SHOWN_KEY, locale);
  } catch {
    // Storage refused: a reload waits for the session before asking for data.
  }
}
