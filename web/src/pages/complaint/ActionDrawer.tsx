import {
  ComplaintDocument,
  complaintWorkflow,
  type ComplaintChange,
  type ComplaintDetailFragment,
  type ComplaintRef,
} from '@redress/client-sdk';
import { Alert, Button, Drawer, Form, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { useIntakeFields } from '../intake/plugin-fields';
import { ACTION_SPECS, knownPaths, type ActionValues, type FormContext } from './action-specs';
import { showFieldErrors, type FieldError } from './field-errors';
import { useDepartments, useMembers, useVocabulary } from './use-vocabulary';

type AvailableAction = ComplaintDetailFragment['availableActions'][number];

/** What changed under the form: the complaint as it is now, and whether the same action is still offered. */
interface Stale {
  now: ComplaintDetailFragment;
  stillOffered: boolean;
}

/**
 * One action's form in a drawer. It acts on the version the user saw when opening it; when
 * someone else changed the complaint first (STALE_VERSION) it shows what changed and offers
 * the same values again on the new version.
 */
export function ActionDrawer({
  complaint,
  action,
  onClose,
  onDone,
}: {
  complaint: ComplaintDetailFragment;
  action: AvailableAction;
  onClose(): void;
  onDone(change: ComplaintChange): void;
}) {
  const { t } = useT();
  const client = useClient();
  const vocabulary = useVocabulary();
  const departments = useDepartments();
  const members = useMembers();
  const intake = useIntakeFields();
  const [form] = Form.useForm<ActionValues>();
  const [seen, setSeen] = useState<ComplaintRef>({ id: complaint.id, version: complaint.version });
  const [saving, setSaving] = useState(false);
  const [problems, setProblems] = useState<FieldError[]>([]);
  const [stale, setStale] = useState<Stale | null>(null);
  const spec = ACTION_SPECS[action.mutation];
  const presets = useMemo(() => Object.fromEntries(action.presets.map((preset) => [preset.field, preset.value])), [action.presets]);
  const context: FormContext = {
    t,
    complaint,
    vocabulary,
    departments,
    members,
    intakeFields: intake.fields,
    presets,
    required: (field) => action.requiredFields.includes(field),
  };
  const paths = knownPaths(action.mutation, context);

  const submit = async (values: ActionValues, on: ComplaintRef) => {
    if (!spec) return;
    setSaving(true);
    setProblems([]);
    try {
      const result = await spec.run(complaintWorkflow(client), on, { ...values, ...presets });
      if (result.ok) {
        onDone(result.data);
        return;
      }
      if (result.errors.some((error) => error.code === 'STALE_VERSION')) {
        const { complaint: now } = await client.query(ComplaintDocument, { id: complaint.id });
        if (now) {
          const stillOffered = now.availableActions.some(
            (offered) => offered.action === action.action && offered.mutation === action.mutation,
          );
          setStale({ now, stillOffered });
          return;
        }
      }
      setStale(null);
      setProblems(showFieldErrors(form, result.errors, paths));
    } catch (error) {
      setProblems([{ code: 'ERROR', message: error instanceof Error ? error.message : String(error) }]);
    } finally {
      setSaving(false);
    }
  };

  const retry = () => {
    if (!stale) return;
    const on = { id: stale.now.id, version: stale.now.version };
    setSeen(on);
    setStale(null);
    void form.validateFields().then((values) => submit(values, on));
  };

  const last = stale?.now.lastEvent;
  return (
    <Drawer
      open
      onClose={onClose}
      title={t(`action.label.${action.action}`)}
      size={480}
      destroyOnHidden
      data-testid="action-drawer"
      footer={
        <Space>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="action-submit" disabled={!!stale}>
            {t(`action.label.${action.action}`)}
          </Button>
          <Button onClick={onClose}>{t('action.cancel')}</Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('action.onVersion', { version: seen.version })}</Typography.Text>
        {stale && (
          <Alert
            type="warning"
            showIcon
            data-testid="stale-version"
            message={t('action.stale.title')}
            description={
              <Space direction="vertical">
                <span data-testid="stale-now">{t('action.stale.now', { status: stale.now.statusLabel, version: stale.now.version })}</span>
                {last && (
                  <span data-testid="stale-last-event">
                    {t('action.stale.last', {
                      kind: last.kindLabel,
                      actor: last.actor?.name ?? t('timeline.complainant'),
                      time: dayjs(last.createdAt).format('YYYY-MM-DD HH:mm'),
                    })}
                  </span>
                )}
                {stale.stillOffered ? (
                  <Button type="primary" onClick={retry} data-testid="stale-retry">
                    {t('action.stale.retry', { version: stale.now.version })}
                  </Button>
                ) : (
                  <span>{t('action.stale.notOffered')}</span>
                )}
              </Space>
            }
          />
        )}
        {!spec && <Alert type="error" showIcon message={t('action.unknown', { mutation: action.mutation })} />}
        {spec && (
          <Form<ActionValues>
            form={form}
            layout="vertical"
            initialValues={spec.initial?.(context)}
            onFinish={(values) => void submit(values, seen)}
            data-testid={`action-form-${action.action}`}
          >
            {spec.fields(context) ?? <Typography.Paragraph>{t('action.confirm')}</Typography.Paragraph>}
          </Form>
        )}
        {problems.length > 0 && (
          <Alert type="error" showIcon data-testid="action-errors" message={problems.map((problem) => problem.message).join(' · ')} />
        )}
      </Space>
    </Drawer>
  );
}
