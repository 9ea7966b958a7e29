import {
  InviteUserDocument,
  MembersDocument,
  RemoveMemberDocument,
  SetMemberRolesDocument,
  type MembershipFieldsFragment,
} from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography, message as antMessage } from 'antd';
import { useState } from 'react';
import { useClient } from '../../api/data';
import { useSession } from '../../api/session';
import { useT } from '../../i18n/i18n';
import { SectionProblem } from './SectionProblem';
import { useRoleAndDepartmentOptions } from './use-tenant-lists';
import { showUserErrors } from './user-errors';

interface InviteForm {
  name: string;
  email: string;
  roles: string[];
  departmentId?: string;
}

interface RolesForm {
  roles: string[];
  departmentId?: string;
}

/** The tenant's members: invite, change roles and department, remove. */
export default function MembersSection() {
  const { t } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const { viewer } = useSession();
  const [message, messageHolder] = antMessage.useMessage();
  const members = useQuery({ queryKey: ['admin', 'members'], queryFn: () => client.query(MembersDocument, { first: 100 }) });
  const { roleOptions, roleLabel, departmentOptions } = useRoleAndDepartmentOptions();
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<MembershipFieldsFragment | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'members'] });

  if (members.error) return <SectionProblem problem={members.error} />;

  const remove = async (member: MembershipFieldsFragment) => {
    const result = await client.mutate(RemoveMemberDocument, { input: { userId: member.user.id } });
    if (!result.ok) void message.error(result.errors.map((error) => error.message).join(' '));
    else await refresh();
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {messageHolder}
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('admin.members.title', { count: members.data?.members.totalCount ?? 0 })}
        </Typography.Title>
        <Button type="primary" onClick={() => setInviting(true)} data-testid="invite">
          {t('admin.members.invite')}
        </Button>
      </Space>
      <Table<MembershipFieldsFragment>
        data-testid="members"
        size="small"
        loading={members.isLoading}
        pagination={false}
        scroll={{ x: 720 }}
        rowKey={(member) => member.user.id}
        dataSource={members.data?.members.edges.map((edge) => edge.node) ?? []}
        onRow={(member) => ({ 'data-email': member.user.email }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('admin.members.name'), render: (_, member) => member.user.name },
          { title: t('admin.members.email'), render: (_, member) => member.user.email },
          {
            title: t('admin.members.roles'),
            render: (_, member) => member.roles.map((role) => <Tag key={role}>{roleLabel(role)}</Tag>),
          },
          { title: t('admin.members.department'), render: (_, member) => member.department?.name ?? '—' },
          {
            title: t('admin.actions'),
            render: (_, member) => (
              <Space>
                <Button
                  size="small"
                  onClick={() => setEditing(member)}
                  aria-label={t('admin.members.changeRolesOf', { name: member.user.name })}
                >
                  {t('admin.members.changeRoles')}
                </Button>
                {member.user.id !== viewer?.user.id && (
                  <Popconfirm
                    title={t('admin.members.removeConfirm', { name: member.user.name })}
                    description={t('admin.members.removeEffect')}
                    okText={t('admin.members.remove')}
                    cancelText={t('admin.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove(member)}
                  >
                    <Button size="small" danger>
                      {t('admin.members.remove')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {inviting && (
        <InviteModal roleOptions={roleOptions} departmentOptions={departmentOptions} onClose={() => setInviting(false)} onDone={refresh} />
      )}
      {editing && (
        <RolesModal
          member={editing}
          roleOptions={roleOptions}
          departmentOptions={departmentOptions}
          onClose={() => setEditing(null)}
          onDone={refresh}
        />
      )}
    </Space>
  );
}

type Options = { value: string; label: string }[];

function InviteModal({
  roleOptions,
  departmentOptions,
  onClose,
  onDone,
}: {
  roleOptions: Options;
  departmentOptions: Options;
  onClose(): void;
  onDone(): Promise<void>;
}) {
  const { t } = useT();
  const client = useClient();
  const [form] = Form.useForm<InviteForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ password: string | null; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: InviteForm) => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await client.mutate(InviteUserDocument, { input: { ...values, departmentId: values.departmentId ?? null } });
      if (!result.ok) {
        const rest = showUserErrors(form, result.errors, ['name', 'email', 'roles', 'departmentId']);
        if (rest.length) setProblem(rest.join(' '));
        return;
      }
      setOutcome({ password: result.data.temporaryPassword ?? null, name: values.name });
      await onDone();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('admin.members.invite')}
      onCancel={onClose}
      okText={outcome ? t('admin.close') : t('admin.members.invite')}
      cancelButtonProps={{ style: outcome ? { display: 'none' } : undefined }}
      cancelText={t('admin.cancel')}
      confirmLoading={busy}
      onOk={() => (outcome ? onClose() : form.submit())}
    >
      {outcome ? (
        outcome.password ? (
          <Space orientation="vertical">
            <Typography.Text>{t('admin.members.temporaryPassword', { name: outcome.name })}</Typography.Text>
            <Typography.Text code copyable data-testid="temporary-password">
              {outcome.password}
            </Typography.Text>
            <Alert type="warning" showIcon title={t('admin.shownOnce')} />
          </Space>
        ) : (
          <Alert type="info" showIcon title={t('admin.members.invitationSent', { name: outcome.name })} />
        )
      ) : (
        <Form<InviteForm> form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
          <Form.Item name="name" label={t('admin.members.name')} rules={[{ required: true, message: t('admin.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="email" label={t('admin.members.email')} rules={[{ required: true, message: t('admin.required') }]}>
            <Input type="email" />
          </Form.Item>
          <Form.Item name="roles" label={t('admin.members.roles')} initialValue={[]}>
            <Select mode="multiple" options={roleOptions} />
          </Form.Item>
          <Form.Item name="departmentId" label={t('admin.members.department')}>
            <Select allowClear options={departmentOptions} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function RolesModal({
  member,
  roleOptions,
  departmentOptions,
  onClose,
  onDone,
}: {
  member: MembershipFieldsFragment;
  roleOptions: Options;
  departmentOptions: Options;
  onClose(): void;
  onDone(): Promise<void>;
}) {
  const { t } = useT();
  const client = useClient();
  const [form] = Form.useForm<RolesForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (values: RolesForm) => {
    setBusy(true);
    setProblem(null);
    try {
      const result = await client.mutate(SetMemberRolesDocument, {
        input: { userId: member.user.id, roles: values.roles, departmentId: values.departmentId ?? null },
      });
      if (!result.ok) {
        const rest = showUserErrors(form, result.errors, ['roles', 'departmentId']);
        if (rest.length) setProblem(rest.join(' '));
        return;
      }
      await onDone();
      onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('admin.members.changeRolesOf', { name: member.user.name })}
      okText={t('admin.save')}
      cancelText={t('admin.cancel')}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <Form<RolesForm>
        form={form}
        layout="vertical"
        initialValues={{ roles: member.roles, departmentId: member.department?.id }}
        onFinish={(values) => void submit(values)}
      >
        {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
        <Form.Item name="roles" label={t('admin.members.roles')}>
          <Select mode="multiple" options={roleOptions} data-testid="member-roles" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('admin.members.department')}>
          <Select allowClear options={departmentOptions} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
