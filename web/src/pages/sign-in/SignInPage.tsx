import { GraphQLRequestError, type UserError } from '@redress/client-sdk';
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { HOME } from '../../app/routes';
import { LOCALES, useT, type Locale } from '../../i18n/i18n';

interface SignInForm {
  tenantSlug: string;
  email: string;
  password: string;
}

const FIELDS = ['tenantSlug', 'email', 'password'] as const;

/** Only same-site paths are followed after signing in. */
function safeNext(next: string | null, home: string): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : home;
}

export default function SignInPage() {
  const { t, locale, setLocale } = useT();
  const { status, expired, signIn, viewer } = useSession();
  const [params] = useSearchParams();
  const [form] = Form.useForm<SignInForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A platform-level sign-in (no organisation) has no queue: it starts in the platform's administration.
  const next = safeNext(params.get('next'), viewer && !viewer.tenant ? '/platform' : HOME);
  if (status === 'signed-in') return <Navigate to={next} replace />;

  const showErrors = (errors: ReadonlyArray<UserError>) => {
    const byField = errors.filter((error) => FIELDS.includes(error.field as (typeof FIELDS)[number]));
    form.setFields(byField.map((error) => ({ name: error.field as keyof SignInForm, errors: [error.message] })));
    const general = errors.filter((error) => !byField.includes(error));
    if (general.some((error) => error.code === 'INVALID_CREDENTIALS')) setProblem(t('signIn.invalidCredentials'));
    else if (general.length) setProblem(general.map((error) => error.message).join(' '));
  };

  const submit = async (values: SignInForm) => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await signIn((values.tenantSlug ?? '').trim(), values.email.trim(), values.password);
      // Signed in, the page re-renders and goes on to `next`.
      if (!result.ok) showErrors(result.errors);
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.code === 'RATE_LIMITED') {
        setProblem(t('signIn.rateLimited', { seconds: Number(error.errors[0]?.extensions?.retryAfterSeconds ?? 30) }));
      } else setProblem(t('signIn.unreachable'));
    } finally {
      setBusy(false);
    }
  };

  const switching = params.get('switch');
  return (
    <main style={{ display: 'flex', justifyContent: 'center', paddingTop: '12vh' }}>
      <Card style={{ width: 380 }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space style={{ justifyContent: 'space-between', width: '100%' }}>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('signIn.title')}
            </Typography.Title>
            <Select
              aria-label={t('frame.language')}
              size="small"
              value={locale}
              options={LOCALES.map((value) => ({ value, label: value === 'en' ? 'English' : '中文' }))}
              onChange={(value: Locale) => setLocale(value)}
            />
          </Space>
          {expired && <Alert type="warning" showIcon message={t('signIn.expired')} data-testid="expired" />}
          {switching && <Alert type="info" showIcon message={t('signIn.switchTenant', { tenant: switching })} />}
          {problem && <Alert type="error" showIcon message={problem} data-testid="sign-in-error" role="alert" />}
          <Form<SignInForm>
            form={form}
            layout="vertical"
            requiredMark={false}
            initialValues={{ tenantSlug: params.get('tenant') ?? '' }}
            onFinish={(values) => void submit(values)}
          >
            <Form.Item name="tenantSlug" label={t('signIn.tenant')} extra={`${t('signIn.tenantHint')}. ${t('platform.signInHint')}`}>
              <Input autoComplete="organization" autoFocus />
            </Form.Item>
            <Form.Item name="email" label={t('signIn.email')} rules={[{ required: true, message: t('signIn.required') }]}>
              <Input type="email" autoComplete="username" />
            </Form.Item>
            <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('signIn.required') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} size="middle">
              {t('signIn.submit')}
            </Button>
          </Form>
        </Space>
      </Card>
    </main>
  );
}
