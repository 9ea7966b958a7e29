import {
  CreateWebhookEndpointDocument,
  DeleteWebhookEndpointDocument,
  RotateWebhookSecretDocument,
  WebhookEndpointsDocument,
  WebhookEventTypesDocument,
  type WebhookEndpointFieldsFragment,
} from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography, message as antMessage } from 'antd';
import { useState } from 'react';
import { useClient } from '../../../api/data';
import { serverNow } from '../../../api/server-clock';
import { useT, type Translate } from '../../../i18n/i18n';
import { SectionProblem } from '../SectionProblem';
import { problemText, showUserErrors } from '../user-errors';
import { SecretShownOnce, type ShownSecret } from './SecretShownOnce';
import { WebhookDeliveries } from './WebhookDeliveries';

const ENDPOINTS_KEY = ['admin', 'webhookEndpoints'];

interface EndpointForm {
  url: string;
  description?: string;
  events: string[];
}

/** What an endpoint may subscribe to: every event, a family (`complaint.*`) or one type, from the server's list of types. */
function eventOptions(t: Translate, types: readonly string[]) {
  const families = [...new Set(types.map((type) => type.split('.')[0]))];
  return [
    { value: '*', label: t('admin.webhooks.every') },
    {
      label: t('admin.webhooks.families'),
      options: families.map((family) => ({ value: `${family}.*`, label: t('admin.webhooks.family', { family, pattern: `${family}.*` }) })),
    },
    { label: t('admin.webhooks.types'), options: types.map((type) => ({ value: type, label: type })) },
  ];
}

/** The tenant's webhook endpoints: add one (its secret shown once), a new secret, delete; each one's delivery log. */
export default function WebhooksSection() {
  const { t, locale } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const [message, messageHolder] = antMessage.useMessage();
  const [form] = Form.useForm<EndpointForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [secret, setSecret] = useState<ShownSecret | null>(null);
  const [opened, setOpened] = useState<WebhookEndpointFieldsFragment | null>(null);
  const endpoints = useQuery({
    queryKey: ENDPOINTS_KEY,
    queryFn: async () => (await client.query(WebhookEndpointsDocument)).webhookEndpoints,
  });
  const types = useQuery({
    queryKey: ['admin', 'webhookEventTypes'],
    queryFn: async () => (await client.query(WebhookEventTypesDocument)).webhookEventTypes,
    staleTime: Infinity,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ENDPOINTS_KEY });
  if (endpoints.error) return <SectionProblem problem={endpoints.error} />;

  /** Runs a change, showing what went wrong beside the form or above the list. */
  const attempt = async (work: () => Promise<void>) => {
    setProblem(null);
    setSaving(true);
    try {
      await work();
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setSaving(false);
    }
  };

  const create = (values: EndpointForm) =>
    attempt(async () => {
      const description = values.description?.trim();
      const result = await client.mutate(CreateWebhookEndpointDocument, {
        input: { url: values.url.trim(), events: values.events, ...(description ? { description } : {}) },
      });
      if (!result.ok) {
        const rest = showUserErrors(form, result.errors, ['url', 'events', 'description']);
        if (rest.length) setProblem(rest.join(' '));
        return;
      }
      form.resetFields();
      const { endpoint, secret: shown } = result.data;
      if (endpoint && shown) setSecret({ url: endpoint.url, secret: shown, previousSecretExpiresAt: null });
      await refresh();
    });

  const rotate = (endpoint: WebhookEndpointFieldsFragment) =>
    attempt(async () => {
      const result = await client.mutate(RotateWebhookSecretDocument, { input: { id: endpoint.id } });
      if (!result.ok) {
        setProblem(result.errors.map((error) => error.message).join(' '));
        return;
      }
      const { endpoint: rotated, secret: shown } = result.data;
      if (rotated && shown) setSecret({ url: rotated.url, secret: shown, previousSecretExpiresAt: rotated.previousSecretExpiresAt });
      await refresh();
    });

  const remove = (endpoint: WebhookEndpointFieldsFragment) =>
    attempt(async () => {
      const result = await client.mutate(DeleteWebhookEndpointDocument, { input: { id: endpoint.id } });
      if (!result.ok) {
        setProblem(result.errors.map((error) => error.message).join(' '));
        return;
      }
      if (opened?.id === endpoint.id) setOpened(null);
      void message.success(t('admin.webhooks.deleted'));
      await refresh();
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {messageHolder}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.nav.webhooks')}
      </Typography.Title>
      <Form<EndpointForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ events: [] }}
        onFinish={(values) => void create(values)}
        style={{ maxWidth: 720 }}
        data-testid="webhook-form"
      >
        <Form.Item
          name="url"
          label={t('admin.webhooks.url')}
          extra={t('admin.webhooks.urlHint')}
          rules={[{ required: true, message: t('admin.required') }]}
        >
          <Input placeholder="https://" data-testid="webhook-url" />
        </Form.Item>
        <Form.Item name="description" label={t('admin.webhooks.description')}>
          <Input data-testid="webhook-description" />
        </Form.Item>
        <Form.Item
          name="events"
          label={t('admin.webhooks.events')}
          extra={t('admin.webhooks.eventsHint')}
          rules={[{ required: true, message: t('admin.required') }]}
        >
          <Select mode="multiple" loading={types.isLoading} options={eventOptions(t, types.data ?? [])} data-testid="webhook-events" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="create-webhook">
          {t('admin.webhooks.create')}
        </Button>
      </Form>
      {problem && <Alert type="error" showIcon role="alert" title={problem} />}
      <Table<WebhookEndpointFieldsFragment>
        data-testid="webhook-endpoints"
        size="small"
        rowKey="id"
        loading={endpoints.isLoading}
        pagination={false}
        dataSource={endpoints.data ?? []}
        locale={{ emptyText: t('admin.webhooks.none') }}
        onRow={(endpoint) => ({ 'data-url': endpoint.url }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'url',
            title: t('admin.webhooks.url'),
            render: (_, endpoint) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text style={{ wordBreak: 'break-all' }}>{endpoint.url}</Typography.Text>
                {endpoint.description && <Typography.Text type="secondary">{endpoint.description}</Typography.Text>}
                {endpoint.previousSecretExpiresAt && Date.parse(endpoint.previousSecretExpiresAt) > serverNow() && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('admin.webhooks.previousUntil', { time: new Date(endpoint.previousSecretExpiresAt).toLocaleString(locale) })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            key: 'events',
            title: t('admin.webhooks.events'),
            render: (_, endpoint) => endpoint.events.map((event) => <Tag key={event}>{event}</Tag>),
          },
          {
            key: 'created',
            title: t('admin.webhooks.created'),
            width: 170,
            render: (_, endpoint) => new Date(endpoint.createdAt).toLocaleString(locale),
          },
          {
            key: 'actions',
            title: t('admin.actions'),
            render: (_, endpoint) => (
              <Space wrap>
                <Button
                  size="small"
                  aria-expanded={opened?.id === endpoint.id}
                  onClick={() => setOpened(opened?.id === endpoint.id ? null : endpoint)}
                  data-testid="show-deliveries"
                >
                  {t('admin.webhooks.deliveries')}
                </Button>
                <Popconfirm
                  title={t('admin.webhooks.rotateConfirm', { url: endpoint.url })}
                  description={t('admin.webhooks.rotateEffect')}
                  okText={t('admin.webhooks.rotate')}
                  cancelText={t('admin.cancel')}
                  onConfirm={() => rotate(endpoint)}
                >
                  <Button size="small" data-testid="rotate-secret">
                    {t('admin.webhooks.rotate')}
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title={t('admin.webhooks.deleteConfirm', { url: endpoint.url })}
                  description={t('admin.webhooks.deleteEffect')}
                  okText={t('admin.webhooks.delete')}
                  cancelText={t('admin.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove(endpoint)}
                >
                  <Button size="small" danger data-testid="delete-webhook">
                    {t('admin.webhooks.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {opened && <WebhookDeliveries key={opened.id} endpointId={opened.id} url={opened.url} onClose={() => setOpened(null)} />}
      <SecretShownOnce shown={secret} onDone={() => setSecret(null)} />
    </Space>
  );
}
