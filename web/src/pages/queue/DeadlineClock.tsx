import type { DeadlineFieldsFragment } from '@redress/client-sdk';
import { Tooltip } from 'antd';
import { useT } from '../../i18n/i18n';
import { formatSpan, nextClock } from './clock-state';

/** A complaint's next clock counting down on the server's time, coloured by its state. */
export function DeadlineClock({
  deadlines,
  now,
  plainTitle = false,
}: {
  deadlines: ReadonlyArray<DeadlineFieldsFragment>;
  now: number;
  /** The browser's own tooltip instead of Ant Design's: for long lists, whose clocks tick every second. */
  plainTitle?: boolean;
}) {
  const { t } = useT();
  const clock = nextClock(deadlines, now);
  if (!clock) return <span className="clock-none">{t('clock.none')}</span>;
  const { deadline, state, remainingMs } = clock;
  const text =
    state === 'paused'
      ? t('clock.paused')
      : remainingMs <= 0
        ? t('clock.overdue', { time: formatSpan(remainingMs) })
        : t('clock.left', { time: formatSpan(remainingMs) });
  const title = [deadline.stageLabel, t(`clock.state.${state}`), deadline.provisional ? deadline.provisionalReason : null]
    .filter(Boolean)
    .join(' · ');
  const clockText = (
    <span
      className={`clock clock-${state}${deadline.provisional ? ' clock-provisional' : ''}`}
      data-clock-state={state}
      data-provisional={deadline.provisional ? 'true' : undefined}
      aria-label={title}
      title={plainTitle ? title : undefined}
      tabIndex={deadline.provisional ? 0 : undefined}
    >
      {text}
    </span>
  );
  return plainTitle ? clockText : <Tooltip title={title}>{clockText}</Tooltip>;
}
