import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en, type MessageKey, type Messages } from './messages.en';
import { zhCN } from './messages.zh-CN';

export type Locale = 'zh-CN' | 'en';
const CATALOGUES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
const KEY = 'redress.public.locale';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  t: Translate;
  /** The other language, offered by the switch. */
  other: Locale;
  setLocale(locale: Locale): void;
  /** A time as the complainant reads it: date and time in the organisation's time zone. */
  formatTime(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function asLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  if (value.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (value.toLowerCase().startsWith('en')) return 'en';
  return null;
}

/** The language the complainant picked on these pages before (kept in this browser), if any. */
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
    // Storage refused (private mode): the choice lasts while the page is open.
  }
}

export function I18nProvider(props: { locale: Locale; timeZone: string | null; setLocale(locale: Locale): void; children: ReactNode }) {
  const { locale, timeZone, setLocale, children } = props;
  const value = useMemo<I18n>(() => {
    const messages = CATALOGUES[locale];
    const times = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
    return {
      locale,
      other: locale === 'en' ? 'zh-CN' : 'en',
      setLocale,
      t: (key, values) => messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values?.[name] ?? whole)),
      formatTime: (iso) => times.format(new Date(iso)),
    };
  }, [locale, timeZone, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The page's words in the chosen language. */
export function useT(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useT outside I18nProvider');
  return i18n;
}

/** A language's own name, written in it, whatever the page's language (for the switch). */
export function languageName(locale: Locale): string {
  return CATALOGUES[locale]['language.name'];
}
