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
import { syncServerClock } from '../api/server-clock';
import { SessionProvider, useSession } from '../api/session';
import { I18nProvider, asLocale, type Locale } from '../i18n/i18n';
import { saveLocale, savedLocale } from '../i18n/locale-choice';
import { router } from './router';

/** Where a refused token is reported from outside React (the query cache): the session ends. */
let onAuthRefused: () => void = () => undefined;

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: (error) => error instanceof AuthError && onAuthRefused() }),
  defaultOptions: { queries: { retry: (count, error) => !(error instanceof AuthError) && count < 1, refetchOnWindowFocus: false } },
});

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
  const { session, viewer, expire } = useSession();
  const [choice, setChoice] = useState<Locale | null>(savedLocale);
  const locale: Locale = choice ?? asLocale(viewer?.tenant?.locale) ?? asLocale(navigator.language) ?? 'zh-CN';
  const setLocale = useCallback((next: Locale) => {
    saveLocale(next);
    setChoice(next);
  }, []);

  const sessionRef = useRef(session);
  sessionRef.current = session;
  const client = useMemo(() => createDataClient(locale, () => (sessionRef.current?.active ? sessionRef.current.token : null)), [locale]);
  useEffect(() => () => void client.dispose(), [client]);
  // A new session (sign-in, tenant switch) reconnects live operations with its token.
  useEffect(
    () => client.setCredentials({ token: () => (sessionRef.current?.active ? sessionRef.current.token : null) }),
    [client, session, viewer],
  );

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
