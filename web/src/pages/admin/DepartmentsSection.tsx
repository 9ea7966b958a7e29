import { CreateDepartmentDocument, DepartmentsDocument, type DepartmentFieldsFragment } from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { SectionProblem } from './SectionProblem';
import { showUserErrors } from './user-errors';

interface DepartmentForm {
  code: string;
  name: string;
  parentId?: string;
}

/** The tenant's departments, and a new one. */
export default function DepartmentsSection() {
  const { t } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DepartmentForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const departments = useQuery({ queryKey: ['admin', 'departments'], queryFn: () => client.query(DepartmentsDocument, { first: 100 }) });
  if (departments.error) return <SectionProblem problem={departments.error} />;
  const rows = departments.data?.departments.edges.map((edge) => edge.node) ?? [];
  const nameOf = (id: string | null | undefined) => rows.find((row) => row.id === id)?.name ?? '—';

  const create = async (values: DepartmentForm) => {
    setProblem(null);
    const result = await client.mutate(CreateDepartmentDocument, { input: { ...values, parentId: values.parentId ?? null } });
    if (!result.ok) {
      const rest = showUserErrors(form, result.errors, ['code', 'name', 'parentId']);
      if (rest.length) setProblem(rest.join(' '));
      return;
    }
    form.resetFields();
    await queryClient.invalidateQueries({ queryKey: ['admin', 'departments'] });
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.nav.departments')}
      </Typography.Title>
      <Form<DepartmentForm> form={form} layout="inline" onFinish={(values) => void create(values)} requiredMark={false}>
        <Form.Item name="code" label={t('admin.departments.code')} rules={[{ required: true, message: t('admin.required') }]}>
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="name" label={t('admin.departments.name')} rules={[{ required: true, message: t('admin.required') }]}>
          <Input style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="parentId" label={t('admin.departments.parent')}>
          <Select allowClear style={{ width: 180 }} options={rows.map((row) => ({ value: row.id, label: row.name }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('admin.departments.create')}
        </Button>
      </Form>
      {problem && <Alert type="error" showIcon role="alert" title={problem} />}
      <Table<DepartmentFieldsFragment>
        data-testid="departments"
        size="small"
        loading={departments.isLoading}
        pagination={false}
        rowKey="id"
        dataSource={rows}
        columns={[
          { title: t('admin.departments.code'), dataIndex: 'code' },
          { title: t('admin.departments.name'), dataIndex: 'name' },
          { title: t('admin.departments.parent'), render: (_, row) => nameOf(row.parentId) },
        ]}
      />
    </Space>
  );
}
