import type { ComplaintAction, ComplaintChange, ComplaintDetailFragment } from '@redress/client-sdk';
import { Button, Dropdown, Space } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { ActionDrawer } from './ActionDrawer';

type AvailableAction = ComplaintDetailFragment['availableActions'][number];

/** Actions that are seldom the next step: offered in the menu, never as the main button while another is offered. */
const ASIDE: ReadonlySet<ComplaintAction> = new Set<ComplaintAction>([
  'ADD_NOTE',
  'UPDATE_FIELDS',
  'PAUSE_CLOCK',
  'RESUME_CLOCK',
  'ESCALATE',
  'WITHDRAW',
  'REJECT',
  'RECORD_REFUSAL',
]);

/**
 * What the viewer may do now, as the server lists it (`availableActions`): the most likely
 * next step as the main button, the others in a menu; each opens its form in a drawer.
 */
export function ComplaintActions({ complaint, onDone }: { complaint: ComplaintDetailFragment; onDone(change: ComplaintChange): void }) {
  const { t } = useT();
  // The action as offered when its form was opened: the form stays while the complaint changes under it.
  const [current, setCurrent] = useState<AvailableAction | null>(null);
  const actions = complaint.availableActions;
  // Assigning is also re-assigning: the main button only while nothing else moves the complaint on.
  const primary =
    actions.find((action) => !ASIDE.has(action.action) && action.action !== 'ASSIGN') ??
    actions.find((action) => action.action === 'ASSIGN') ??
    actions[0];
  const others = actions.filter((action) => action !== primary);
  return (
    <Space wrap data-testid="complaint-actions">
      {primary && (
        <Button type="primary" data-testid={`action-${primary.action}`} data-primary="true" onClick={() => setCurrent(primary)}>
          {t(`action.label.${primary.action}`)}
        </Button>
      )}
      {others.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: others.map((action) => ({
              key: action.action,
              label: <span data-testid={`action-${action.action}`}>{t(`action.label.${action.action}`)}</span>,
            })),
            onClick: ({ key }) => setCurrent(others.find((action) => action.action === key) ?? null),
          }}
        >
          <Button data-testid="more-actions">{t('action.more')}</Button>
        </Dropdown>
      )}
      {current && (
        <ActionDrawer
          key={`${current.action}`}
          complaint={complaint}
          action={current}
          onClose={() => setCurrent(null)}
          onDone={(change) => {
            setCurrent(null);
            onDone(change);
          }}
        />
      )}
    </Space>
  );
}
