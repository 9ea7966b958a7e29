import { DecideApprovalDocument, type ApprovalDecision, type UserError } from '@redress/client-sdk';
import { Button, Form, Input, Space, Table, Typography, message as antMessage, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { errorsFor, otherErrors } from './field-errors';
import { useApprovalInbox, type ApprovalCase } from './use-approval-inbox';

/** Approvals waiting on the viewer, each decided inline: approve, or send back with a comment. */
export function ApprovalInbox() {
  const { t } = useT();
  const inbox = useApprovalInbox();
  const columns: TableColumnsType<ApprovalCase> = [
    {
      key: 'complaint',
      title: t('myWork.col.complaint'),
      width: 220,
      render: (_, complaint) => (
        <Space direction="vertical" size={0}>
          <Link to={`/complaints/${complaint.id}`}>No. {complaint.number}</Link>
          <Typography.Text type="secondary">{complaint.category?.label ?? complaint.statusLabel}</Typography.Text>
        </Space>
      ),
    },
    { key: 'complainant', title: t('myWork.col.complainant'), width: 140, render: (_, complaint) => complaint.complainant.name },
    {
      key: 'resolution',
      title: t('myWork.col.resolution'),
      render: (_, complaint) =>
        complaint.resolution ? (
          <Space direction="vertical" size={0}>
            <Typography.Text>
              {complaint.resolution.kindLabel}
              {complaint.resolution.amount != null ? ` · ${complaint.resolution.amount} ${complaint.resolution.currency ?? ''}` : ''}
            </Typography.Text>
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
              {complaint.resolution.description}
            </Typography.Text>
          </Space>
        ) : null,
    },
    {
      key: 'step',
      title: t('myWork.col.step'),
      width: 140,
      render: (_, complaint) => complaint.approvals.find((step) => step.decision == null)?.label,
    },
    { key: 'decide', title: t('myWork.col.decide'), width: 360, render: (_, complaint) => <DecideInline complaint={complaint} /> },
  ];
  return (
    <Table<ApprovalCase>
      data-testid="approval-inbox"
      rowKey="id"
      size="small"
      loading={inbox.isLoading}
      columns={columns}
      dataSource={inbox.data ?? []}
      pagination={false}
      onRow={(complaint) => ({ 'data-number': complaint.number }) as React.HTMLAttributes<HTMLElement>}
      locale={{ emptyText: t('myWork.approvals.none') }}
      scroll={{ x: 900 }}
    />
  );
}

function DecideInline({ complaint }: { complaint: ApprovalCase }) {
  const { t } = useT();
  const client = useClient();
  const [message, holder] = antMessage.useMessage();
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<ReadonlyArray<UserError>>([]);
  const [busy, setBusy] = useState<ApprovalDecision | null>(null);
  const inbox = useApprovalInbox();

  const decide = async (decision: ApprovalDecision) => {
    setBusy(decision);
    try {
      const result = await client.mutate(DecideApprovalDocument, {
        input: { complaintId: complaint.id, expectedVersion: complaint.version, decision, comment: comment.trim() || null },
      });
      if (result.ok) {
        setErrors([]);
        void message.success(t('myWork.decided', { number: complaint.number }));
        await inbox.refetch();
        return;
      }
      setErrors(result.errors);
      for (const error of otherErrors(result.errors, ['comment'])) {
        if (error.code === 'STALE_VERSION') void message.warning(t('myWork.stale', { number: complaint.number }));
        else void message.error(error.message);
      }
      if (result.errors.some((error) => error.code === 'STALE_VERSION')) await inbox.refetch();
    } catch (error) {
      void message.error(t('error.generic', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(null);
    }
  };

  const commentError = errorsFor(errors, 'comment');
  return (
    <Form layout="vertical" onSubmitCapture={(event) => event.preventDefault()}>
      {holder}
      <Form.Item style={{ marginBottom: 4 }} validateStatus={commentError ? 'error' : undefined} help={commentError}>
        <Input
          id={`decide-comment-${complaint.id}`}
          aria-label={t('myWork.comment', { number: complaint.number })}
          placeholder={t('myWork.commentPlaceholder')}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </Form.Item>
      <Space>
        <Button type="primary" loading={busy === 'APPROVE'} disabled={!!busy} onClick={() => void decide('APPROVE')}>
          {t('myWork.approve')}
        </Button>
        <Button danger loading={busy === 'SEND_BACK'} disabled={!!busy} onClick={() => void decide('SEND_BACK')}>
          {t('myWork.sendBack')}
        </Button>
      </Space>
    </Form>
  );
}
