import { ReviewPenaltyDocument, type PenaltyDecision, type PenaltyFieldsFragment, type UserError } from '@redress/client-sdk';
import { Form, Input, Modal, message as antMessage } from 'antd';
import { useState } from 'react';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { errorsFor, otherErrors } from '../my-work/field-errors';
import { subjectName } from './penalty-subject';

/** Confirms or waives one penalty with a reason; errors on the reason beside it, others (FORBIDDEN) as a message. */
export function ReviewPenaltyDialog({
  penalty,
  decision,
  onClose,
  onReviewed,
}: {
  penalty: PenaltyFieldsFragment;
  decision: PenaltyDecision;
  onClose(): void;
  onReviewed(penalty: PenaltyFieldsFragment): void;
}) {
  const { t } = useT();
  const client = useClient();
  const [message, holder] = antMessage.useMessage();
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<ReadonlyArray<UserError>>([]);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    try {
      const result = await client.mutate(ReviewPenaltyDocument, { input: { id: penalty.id, decision, comment } });
      if (result.ok) {
        if (result.data.penalty) onReviewed(result.data.penalty);
        return;
      }
      setErrors(result.errors);
      for (const error of otherErrors(result.errors, ['comment'])) void message.error(error.message);
    } catch (error) {
      void message.error(t('error.generic', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  const commentError = errorsFor(errors, 'comment');
  return (
    <Modal
      open
      title={t(decision === 'CONFIRM' ? 'penalties.reviewTitle.CONFIRM' : 'penalties.reviewTitle.WAIVE', { subject: subjectName(penalty) })}
      okText={t(decision === 'CONFIRM' ? 'penalties.confirm' : 'penalties.waive')}
      okButtonProps={{ loading: busy, danger: decision === 'CONFIRM' }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {holder}
      <p>{penalty.reason}</p>
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item
          label={t('penalties.comment')}
          htmlFor="penalty-review-comment"
          validateStatus={commentError ? 'error' : undefined}
          help={commentError}
        >
          <Input.TextArea
            id="penalty-review-comment"
            autoFocus
            rows={3}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
