import { AuthError } from '@redress/client-sdk';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { RouterProvider } from 'react-router';
import { authClient, createDataClient } from '../api/clients';
import { ClientProvider } from '../api/data';
import { discardLiveEarly, expireUnclaimedLiveEarly } from '../api/early-live';
import { syncServerClock } from '../api/server-clock';
import { SessionProvider, useSession } from '../api/session';
import { readStoredSession } from '../api/session-storage';
import { I18nProvider, asLocale, type Locale } from '../i18n/i18n';
import { rememberShownLocale, saveLocale, savedLocale, shownLocale } from '../i18n/locale-choice';
import { router, startOpenedPageData } from './router';

/** Where a refused token is reported from outside React (the query cache): the session ends. */
let onAuthRefused: () => void = () => undefined;

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error) => error instanceof AuthError && onAuthRefused() }),
  defaultOptions: { queries: { retry: (count, error) => !(error instanceof AuthError) && count < 1, refetchOnWindowFocus: false } },
});

/**
 * The token data clients send: the session's; while a stored session is being resumed, the
 * stored token (what it fetches is dropped if the resume says the session is over).
 */
let currentToken: () => string | null = () => readStoredSession()?.token ?? null;
const dataClient = (locale: Locale) => createDataClient(locale, () => currentToken());

/**
 * A reload with a stored session: the opened page's data is asked for now, beside the
 * resume and the page's code, in the language the console last showed (if it is known).
 */
const localeAtStart = savedLocale() ?? shownLocale();
const early = ((): { locale: Locale; client: ReturnType<typeof createDataClient> } | null => {
  const locale = localeAtStart;
  if (!locale || !readStoredSession()) return null;
  const client = dataClient(locale);
  startOpenedPageData(client, queryClient, locale);
  return { locale, client };
})();

/** The client started early, once, if it speaks `locale`. */
function takeEarlyClient(locale: Locale) {
  if (early?.locale !== locale) return null;
  const client = early.client;
  early.locale = null as unknown as Locale;
  return client;
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <LocalisedConsole />
      </SessionProvider>
    </QueryClientProvider>
  );
}

/** The user's language, else the tenant's, else the browser's: for the page's words, Ant Design and the server's labels. */
function LocalisedConsole() {
  const { session, viewer, expire, status } = useSession();
  const [choice, setChoice] = useState<Locale | null>(savedLocale);
  // While a stored session resumes, the language it was last shown in (the page may be drawn already).
  const resumingIn = status === 'resuming' ? localeAtStart : null;
  const locale: Locale = choice ?? asLocale(viewer?.tenant?.locale) ?? resumingIn ?? asLocale(navigator.language) ?? 'zh-CN';
  const setLocale = useCallback((next: Locale) => {
    saveLocale(next);
    setChoice(next);
  }, []);

  const sessionRef = useRef(session);
  sessionRef.current = session;
  const resuming = status === 'resuming';
  currentToken = () => (sessionRef.current?.active ? sessionRef.current.token : resuming ? (readStoredSession()?.token ?? null) : null);
  const client = useMemo(() => takeEarlyClient(locale) ?? dataClient(locale), [locale]);
  useEffect(() => () => void client.dispose(), [client]);
  // A new session (sign-in, tenant switch) reconnects live operations with its token; the
  // resumed session goes on with the token already in use, without reconnecting.
  const appliedToken = useRef<{ client: unknown; token: string | null } | null>(null);
  useEffect(() => {
    const token = currentToken();
    if (appliedToken.current?.client === client && appliedToken.current.token === token) return;
    appliedToken.current = { client, token };
    client.setCredentials({ token: () => currentToken() });
  }, [client, session, viewer, status]);

  // Data asked for beside the resume stays only if the session did resume.
  const wasResuming = useRef(status === 'resuming');
  useEffect(() => {
    if (status === 'resuming') return;
    if (status === 'signed-out') discardLiveEarly(queryClient);
    if (status === 'signed-out' && wasResuming.current) queryClient.clear();
    if (status === 'signed-in') expireUnclaimedLiveEarly(queryClient);
    wasResuming.current = false;
  }, [status]);

  // The server refused the token (over HTTP, or the live connection stopped on it): sign in again.
  useEffect(() => {
    onAuthRefused = expire;
    return client.onConnectionChange((state, error) => {
      if (state === 'stopped' && error instanceof AuthError) expire();
    });
  }, [client, expire]);

  useEffect(() => {
    const sync = syncServerClock(authClient);
    return sync.stop;
  }, []);

  useEffect(() => {
    if (viewer) rememberShownLocale(locale);
  }, [viewer, locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  }, [locale]);

  return (
    <I18nProvider locale={locale} setLocale={setLocale}>
      <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS} theme={{ token: { borderRadius: 4 } }} componentSize="small">
        <ClientProvider client={client}>
          <RouterProvider router={router} />
        </ClientProvider>
      </ConfigProvider>
    </I18nProvider>
  );
}
