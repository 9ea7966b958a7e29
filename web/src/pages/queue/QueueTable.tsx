import type { ComplaintSummaryFragment } from '@redress/client-sdk';
import dayjs from 'dayjs';
import { memo } from 'react';
import { useServerSecond } from '../../api/server-clock';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.en';
import { maskPhone } from '../../format/phone';
import { DeadlineClock } from './DeadlineClock';

const COLUMNS: ReadonlyArray<{ key: MessageKey; width?: number }> = [
  { key: 'queue.col.number', width: 80 },
  { key: 'queue.col.priority', width: 90 },
  { key: 'queue.col.status', width: 110 },
  { key: 'queue.col.category' },
  { key: 'queue.col.complainant' },
  { key: 'queue.col.owner' },
  { key: 'queue.col.department' },
  { key: 'queue.col.clock', width: 150 },
  { key: 'queue.col.updated', width: 140 },
];

/** A row's next clock, re-rendered each second on its own (not the table around it). */
function QueueClock({ deadlines }: { deadlines: ComplaintSummaryFragment['deadlines'] }) {
  return <DeadlineClock deadlines={deadlines} now={useServerSecond()} plainTitle />;
}

interface RowProps {
  complaint: ComplaintSummaryFragment;
  current: boolean;
  changed: boolean;
  onOpen(complaint: ComplaintSummaryFragment): void;
}

/** One complaint; drawn again only when it, or whether it is current or just changed, changes. */
const QueueRow = memo(function QueueRow({ complaint, current, changed, onOpen }: RowProps) {
  const className = [current ? 'queue-row-current' : '', changed ? 'queue-row-changed' : ''].join(' ').trim();
  return (
    <tr data-number={complaint.number} aria-selected={current} className={className || undefined} onClick={() => onOpen(complaint)}>
      <td>{complaint.number}</td>
      <td>
        <span className={`queue-priority queue-priority-${complaint.priority.toLowerCase()}`}>{complaint.priorityLabel}</span>
      </td>
      <td>{complaint.statusLabel}</td>
      <td>{complaint.category?.label ?? '—'}</td>
      <td>
        {complaint.complainant.name}
        {complaint.complainant.phone ? <span className="queue-phone">{maskPhone(complaint.complainant.phone)}</span> : null}
      </td>
      <td>{complaint.owner?.name ?? '—'}</td>
      <td>{complaint.department?.name ?? '—'}</td>
      <td>
        <QueueClock deadlines={complaint.deadlines} />
      </td>
      <td>
        <time dateTime={complaint.updatedAt}>{dayjs(complaint.updatedAt).format('YYYY-MM-DD HH:mm')}</time>
      </td>
    </tr>
  );
});

/**
 * The queue as a plain table (Ant Design's Table costs a quarter of a second on its first
 * render, for sorting, selection and paging the queue does not use): the SDK keeps each
 * unchanged complaint the same object, so a live change draws only its own row.
 */
export function QueueTable({
  complaints,
  loading,
  current,
  changed,
  onOpen,
}: {
  complaints: ReadonlyArray<ComplaintSummaryFragment> | undefined;
  loading: boolean;
  current: number;
  changed: ReadonlySet<string>;
  onOpen(complaint: ComplaintSummaryFragment): void;
}) {
  const { t } = useT();
  return (
    // A narrow screen scrolls the table in its own box, never the whole page.
    <div className="queue-table-scroll">
      <table className="queue-table">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.key} scope="col" style={column.width ? { width: column.width } : undefined}>
                {t(column.key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody aria-busy={loading || undefined}>
          {complaints?.length ? (
            complaints.map((complaint, index) => (
              <QueueRow
                key={complaint.id}
                complaint={complaint}
                current={index === current}
                changed={changed.has(complaint.id)}
                onOpen={onOpen}
              />
            ))
          ) : (
            <tr className="queue-table-empty">
              <td colSpan={COLUMNS.length}>{loading ? t('queue.loading') : t('queue.empty')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
