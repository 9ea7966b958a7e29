import { ApiKeysDocument, CreateApiKeyDocument, RevokeApiKeyDocument, type ApiKeyFieldsFragment } from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, message as antMessage } from 'antd';
import { useState } from 'react';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { SectionProblem } from './SectionProblem';
import { useRoleAndDepartmentOptions } from './use-tenant-lists';
import { showUserErrors } from './user-errors';

interface KeyForm {
  name: string;
  roles: string[];
}

/** The tenant's API keys: create one with roles (its secret shown once), revoke. */
export default function ApiKeysSection() {
  const { t, locale } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const [message, messageHolder] = antMessage.useMessage();
  const keys = useQuery({ queryKey: ['admin', 'apiKeys'], queryFn: () => client.query(ApiKeysDocument, { first: 100 }) });
  const { roleOptions, roleLabel } = useRoleAndDepartmentOptions();
  const [form] = Form.useForm<KeyForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'apiKeys'] });
  if (keys.error) return <SectionProblem problem={keys.error} />;

  const create = async (values: KeyForm) => {
    setProblem(null);
    const result = await client.mutate(CreateApiKeyDocument, { input: values });
    if (!result.ok) {
      const rest = showUserErrors(form, result.errors, ['name', 'roles']);
      if (rest.length) setProblem(rest.join(' '));
      return;
    }
    form.resetFields();
    if (result.data.secret) setSecret({ name: values.name, secret: result.data.secret });
    await refresh();
  };

  const revoke = async (key: ApiKeyFieldsFragment) => {
    const result = await client.mutate(RevokeApiKeyDocument, { input: { id: key.id } });
    if (!result.ok) void message.error(result.errors.map((error) => error.message).join(' '));
    else await refresh();
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {messageHolder}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.nav.apiKeys')}
      </Typography.Title>
      <Form<KeyForm>
        form={form}
        layout="inline"
        onFinish={(values) => void create(values)}
        requiredMark={false}
        initialValues={{ roles: [] }}
      >
        <Form.Item name="name" label={t('admin.apiKeys.name')} rules={[{ required: true, message: t('admin.required') }]}>
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="roles" label={t('admin.apiKeys.roles')}>
          <Select mode="multiple" style={{ minWidth: 220 }} options={roleOptions} />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="create-key">
          {t('admin.apiKeys.create')}
        </Button>
      </Form>
      {problem && <Alert type="error" showIcon role="alert" title={problem} />}
      <Table<ApiKeyFieldsFragment>
        data-testid="api-keys"
        size="small"
        loading={keys.isLoading}
        pagination={false}
        rowKey="id"
        dataSource={keys.data?.apiKeys.edges.map((edge) => edge.node) ?? []}
        columns={[
          { title: t('admin.apiKeys.name'), dataIndex: 'name' },
          { title: t('admin.apiKeys.roles'), render: (_, key) => key.roles.map((role) => <Tag key={role}>{roleLabel(role)}</Tag>) },
          { title: t('admin.apiKeys.created'), render: (_, key) => new Date(key.createdAt).toLocaleString(locale) },
          {
            title: t('admin.actions'),
            render: (_, key) =>
              key.revokedAt ? (
                <Tag>{t('admin.apiKeys.revoked')}</Tag>
              ) : (
                <Popconfirm
                  title={t('admin.apiKeys.revokeConfirm', { name: key.name })}
                  description={t('admin.apiKeys.revokeEffect')}
                  okText={t('admin.apiKeys.revoke')}
                  cancelText={t('admin.cancel')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => revoke(key)}
                >
                  <Button size="small" danger>
                    {t('admin.apiKeys.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={secret !== null}
        title={t('admin.apiKeys.secretTitle', { name: secret?.name ?? '' })}
        closable={false}
        maskClosable={false}
        keyboard={false}
        cancelButtonProps={{ style: { display: 'none' } }}
        okText={t('admin.apiKeys.secretDone')}
        onOk={() => setSecret(null)}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('admin.apiKeys.secretOnce')} />
          <Typography.Paragraph code copyable={{ text: secret?.secret }} data-testid="api-key-secret" style={{ wordBreak: 'break-all' }}>
            {secret?.secret}
          </Typography.Paragraph>
        </Space>
      </Modal>
    </Space>
  );
}
