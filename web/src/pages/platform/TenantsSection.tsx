import { CreateTenantDocument, type TenantFieldsFragment } from '@redress/client-sdk';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { showUserErrors } from '../admin/user-errors';
import { CoverageTable } from './CoverageTable';
import { TenantList } from './TenantList';

interface TenantForm {
  name: string;
  slug: string;
  timeZone: string;
  locale: string;
  holidayRegion?: string;
  admin: { name: string; email: string; password: string };
}

const FIELDS = ['name', 'slug', 'timeZone', 'locale', 'holidayRegion', 'admin'];

/** Every tenant, a new one with its first administrator, and the holiday regions in use. */
export default function TenantsSection() {
  const { t } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<TenantForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<TenantFieldsFragment | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async (values: TenantForm) => {
    setBusy(true);
    setProblem(null);
    try {
      const input = { ...values, holidayRegion: values.holidayRegion?.trim() || null };
      const result = await client.mutate(CreateTenantDocument, { input });
      if (!result.ok) {
        const rest = showUserErrors(form, result.errors, FIELDS);
        if (rest.length) setProblem(rest.join(' '));
        return;
      }
      setCreated(result.data.tenant ?? null);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['platform'] });
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('admin.required') }];
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('platform.tenants.create')} style={{ maxWidth: 720 }}>
        {created && (
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setCreated(null)}
            data-testid="tenant-created"
            title={t('platform.tenants.created', { name: created.name, slug: created.slug })}
            style={{ marginBottom: 12 }}
          />
        )}
        {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
        <Form<TenantForm>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ timeZone: 'Asia/Shanghai', locale: 'zh-CN' }}
          onFinish={(values) => void create(values)}
        >
          <Space wrap align="start">
            <Form.Item name="name" label={t('platform.tenants.name')} rules={required}>
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name="slug" label={t('platform.tenants.slug')} rules={required} extra={t('platform.tenants.slugHint')}>
              <Input style={{ width: 220 }} />
            </Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="timeZone" label={t('platform.tenants.timeZone')} rules={required}>
              <Input style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="locale" label={t('platform.tenants.locale')} rules={required}>
              <Select
                style={{ width: 140 }}
                options={[
                  { value: 'zh-CN', label: '中文' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
            <Form.Item name="holidayRegion" label={t('platform.tenants.holidayRegion')} extra={t('platform.tenants.holidayRegionHint')}>
              <Input style={{ width: 140 }} />
            </Form.Item>
          </Space>
          <Typography.Text strong>{t('platform.tenants.firstAdmin')}</Typography.Text>
          <Space wrap align="start" style={{ marginTop: 8 }}>
            <Form.Item name={['admin', 'name']} label={t('platform.tenants.adminName')} rules={required}>
              <Input style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name={['admin', 'email']} label={t('platform.tenants.adminEmail')} rules={required}>
              <Input type="email" style={{ width: 220 }} />
            </Form.Item>
            <Form.Item name={['admin', 'password']} label={t('platform.tenants.adminPassword')} rules={required}>
              <Input.Password autoComplete="new-password" style={{ width: 200 }} />
            </Form.Item>
          </Space>
          <div>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="create-tenant">
              {t('platform.tenants.createButton')}
            </Button>
          </div>
        </Form>
        {created && (
          <Descriptions size="small" column={2} style={{ marginTop: 12 }}>
            <Descriptions.Item label={t('platform.tenants.slug')}>{created.slug}</Descriptions.Item>
            <Descriptions.Item label={t('platform.tenants.timeZone')}>{created.timeZone}</Descriptions.Item>
            <Descriptions.Item label={t('platform.tenants.locale')}>{created.locale}</Descriptions.Item>
            <Descriptions.Item label={t('platform.tenants.holidayRegion')}>{created.holidayRegion}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <TenantList />
      <CoverageTable />
    </Space>
  );
}
