import { ComplaintTimelineDocument, type ComplaintEventFieldsFragment } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Card, Timeline, Typography } from 'antd';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { when } from './ComplaintSections';

const LOADED = 100;

/** The words of a message the complainant added through their status page (plain text); null for other events. */
function complainantMessage(event: ComplaintEventFieldsFragment): string | null {
  if (event.kind !== 'COMPLAINANT_MESSAGE') return null;
  const message = (event.changes as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : null;
}

/**
 * The complaint's timeline, newest first: the events read once when the page opens, with
 * those that arrive live (each `watchComplaint` change brings its event, and a reload after a
 * reconnect brings the last one) added on top.
 */
export function ComplaintTimeline({
  complaintId,
  arrived,
  statusLabel,
}: {
  complaintId: string;
  arrived: readonly ComplaintEventFieldsFragment[];
  statusLabel(status: string | null | undefined): string | null;
}) {
  const { t, locale } = useT();
  const client = useClient();
  const loaded = useQuery({
    queryKey: ['complaint-timeline', locale, complaintId],
    queryFn: () => client.query(ComplaintTimelineDocument, { id: complaintId, first: LOADED }),
    // Read again each time the page opens: events while it was closed are not in the cache.
    staleTime: Infinity,
    refetchOnMount: 'always',
  });
  const byId = new Map<string, ComplaintEventFieldsFragment>();
  for (const edge of loaded.data?.complaint?.events.edges ?? []) byId.set(edge.node.id, edge.node);
  for (const event of arrived) byId.set(event.id, event);
  const events = [...byId.values()].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id.localeCompare(a.id));
  return (
    <Card size="small" title={t('timeline.title')} data-testid="timeline" loading={loaded.isPending}>
      <Timeline
        items={events.map((event) => {
          const to = event.toStatus && event.toStatus !== event.fromStatus ? statusLabel(event.toStatus) : null;
          return {
            key: event.id,
            content: (
              <div data-event-kind={event.kind}>
                <Typography.Text strong>{event.kindLabel}</Typography.Text>
                {to && <Typography.Text type="secondary"> → {to}</Typography.Text>}
                {complainantMessage(event) !== null && (
                  <Typography.Paragraph className="complainant-message" data-testid="complainant-message">
                    {complainantMessage(event)}
                  </Typography.Paragraph>
                )}
                <div>
                  <Typography.Text type="secondary">
                    {when(event.createdAt)} · {event.actor?.name ?? t('timeline.complainant')}
                  </Typography.Text>
                </div>
              </div>
            ),
          };
        })}
      />
    </Card>
  );
}
