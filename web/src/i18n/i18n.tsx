import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en, type MessageKey, type Messages } from './messages.en';
import { zhCN } from './messages.zh-CN';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const CATALOGUES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/** Translates a message key, filling `{name}` placeholders from `values`. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  t: Translate;
  /** The user's choice of language (kept in this browser). */
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, setLocale, children }: { locale: Locale; setLocale(locale: Locale): void; children: ReactNode }) {
  const value = useMemo<I18n>(() => {
    const messages = CATALOGUES[locale];
    return {
      locale,
      setLocale,
      t: (key, values) => messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values?.[name] ?? whole)),
    };
  }, [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The page's words in the current language: `const { t } = useT(); t('queue.title')`. */
export function useT(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useT outside I18nProvider');
  return i18n;
}

export function asLocale(value: string | null | undefined): Locale | null {
  if (!value) return null;
  if (value.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (value.toLowerCase().startsWith('en')) return 'en';
  return null;
}
