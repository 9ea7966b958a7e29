import type { TenantTransaction } from '../db/tenant-transaction';
import type { IdRow } from '../db/common-rows';
import { calendarColumnsSql, calendarOfRow, yearsAround, type CalendarColumns } from '../calendar/tenant-calendar.loader';
import { GOVERNING_PLUGIN_JOIN, type BoundPlugin, type GoverningPluginColumns, type PluginHost } from '../plugins/plugin-host';
import type { TenantCalendar } from '../plugins/working-calendar';
import { COMPLAINT_EVENT_NOTIFY_SQL, LIVE_CHANNEL } from '../live/live-events';
import { camelRow, type ComplaintRow, type EventRow } from './complaint-rows';
import { complainantHistory, complainantHistorySql, type ComplainantHistory } from './complaint-view';
import { EVENT_KINDS } from './complaint.enums';
import { clockArrays, clockInsertSql, type PlannedClock } from './complaint-journal';

/**
 * The statements of a filing, written so that it takes few round trips: what intake reads (the
 * tenant, the complainant) in one, and every row of the new complaint in one, which also
 * takes its number (the tenant counter's row lock is held from there to the commit).
 */

/** The tenant as intake needs it: the governing plugin, the calendar its first clocks count on, its name and language. */
export interface IntakeTenant {
  plugin: BoundPlugin;
  calendar: TenantCalendar;
  name: string;
  locale: string;
}

/**
 * What intake reads before it decides anything, in one statement: the tenant (see
 * IntakeTenant) and the complainant. A returning complainant is the same customer: matched
 * by phone first, then by email, with their history up to `at`; a new one is created (no
 * history). A filing that then fails validation is undone by the mutation's savepoint.
 */
export async function readForIntake(
  tx: TenantTransaction,
  plugins: PluginHost,
  tenantId: string,
  person: { name: string; phone: string | null; email: string | null },
  at: Date,
): Promise<{ tenant: IntakeTenant; customerId: string; history: ComplainantHistory }> {
  const years = yearsAround(at);
  const [row] = await tx.query<
    GoverningPluginColumns &
      CalendarColumns & { name: string; locale: string; customer_id: string | null; recent: number | null; same_day: number | null }
  >(
    `WITH known AS (
       SELECT id FROM customers WHERE ($1::text IS NOT NULL AND phone = $1) OR ($2::text IS NOT NULL AND email = $2)
        ORDER BY (phone = $1) DESC NULLS LAST, created_at LIMIT 1
     ), created AS (
       INSERT INTO customers (tenant_id, name, phone, email) SELECT $3::uuid, $4::text, $1::text, $2::text WHERE NOT EXISTS (SELECT 1 FROM known)
       ON CONFLICT (tenant_id, phone) WHERE phone IS NOT NULL DO NOTHING RETURNING id
     ), customer AS (
       SELECT known.id, h.recent, h.same_day FROM known, LATERAL (${complainantHistorySql('known.id', 'NULL::uuid', '$5::timestamptz')}) h
       UNION ALL
       SELECT id, 0, 0 FROM created
     )
     SELECT t.name, t.locale, p.plugin_id, p.version, p.config, ${calendarColumnsSql('$6', '$7')},
            customer.id AS customer_id, customer.recent, customer.same_day
       FROM tenants t ${GOVERNING_PLUGIN_JOIN} LEFT JOIN customer ON true WHERE t.id = $3`,
    [person.phone, person.email, tenantId, person.name, at, years.from, years.to],
  );
  if (!row) throw new Error(`Tenant ${tenantId} is not visible in this transaction`);
  const tenant = { plugin: plugins.governing(row), calendar: calendarOfRow(row, years), name: row.name, locale: row.locale };
  if (row.customer_id) return { tenant, customerId: row.customer_id, history: { recent: row.recent!, sameDay: row.same_day! } };
  // Two first complaints of one complainant may be filed at once (on two server processes):
  // the later insert waits for the earlier and then takes its customer.
  const [taken] = await tx.query<IdRow>(`SELECT id FROM customers WHERE phone = $1`, [person.phone]);
  return { tenant, customerId: taken.id, history: await complainantHistory(tx, taken.id, at, null) };
}

/** A new complaint's row before it has a number, id or times of its own. */
export interface ComplaintDraft {
  trackingCode: string;
  channel: string;
  receivedAt: Date;
  receivedBy: string | null;
  description: string;
  demands: readonly string[];
  respondent: unknown;
  customerId: string;
  assetId: string | null;
  categoryCode: string | null;
  priority: string;
  major: boolean;
  fields: Record<string, unknown>;
  notifyEmail: string | null;
  notifyLocale: string | null;
}

export interface EvidenceMetadata {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string | null;
  note: string | null;
}

/**
 * Numbers the complaint from the tenant counter and writes it with its evidence (metadata),
 * its FILED event (and the event's live signal) and its first clocks with their jobs, in one
 * statement. Returns the complaint, the event and the event types the tenant's webhook
 * endpoints subscribe to now.
 */
export async function insertFiledComplaint(
  tx: TenantTransaction,
  tenantId: string,
  plugin: BoundPlugin,
  draft: ComplaintDraft,
  evidence: { items: readonly EvidenceMetadata[]; source: 'COMPLAINANT' | 'STAFF' },
  event: { actor: { userId: string | null; apiKeyId: string | null } | null; changes: Record<string, unknown> },
  clocks: readonly PlannedClock[],
): Promise<{ row: ComplaintRow; event: EventRow; webhookEvents: string[] }> {
  const arrays = clockArrays(draft.receivedAt, clocks);
  const [result] = await tx.query<Record<string, unknown>>(
    `WITH counter AS (
       INSERT INTO tenant_counters (tenant_id, name, value) VALUES ($1, 'complaint', 1)
       ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counters.value + 1 RETURNING value
     ), complaint AS (
       INSERT INTO complaints (tenant_id, number, tracking_code, status, channel, received_at, received_by, description,
         demands, respondent, customer_id, asset_id, category_code, priority, major, fields, plugin_id, plugin_version, plugin_config,
         notify_email, notify_locale)
       SELECT $1, counter.value, $2::text, 'RECEIVED', $3::text, $4::timestamptz, $5::uuid, $6::text, $7::text[], $8::jsonb, $9::uuid,
              $10::uuid, $11::text, $12::text, $13::boolean, $14::jsonb, $15::text, $16::text, $17::jsonb, $18::text, $19::text
         FROM counter
       RETURNING *
     ), evidence AS (
       INSERT INTO complaint_evidence (tenant_id, complaint_id, file_name, content_type, size_bytes, sha256, note, source, created_at)
       SELECT $1, complaint.id, e.file_name, e.content_type, e.size_bytes, e.sha256, e.note, $21::text,
              app_now() + e.ord * interval '1 microsecond'
         FROM complaint,
              ROWS FROM (jsonb_to_recordset($20::jsonb) AS (file_name text, content_type text, size_bytes bigint, sha256 text, note text))
              WITH ORDINALITY AS e(file_name, content_type, size_bytes, sha256, note, ord)
     ), event AS (
       INSERT INTO complaint_events
         (tenant_id, complaint_id, kind, from_status, to_status, actor_user_id, actor_api_key_id, is_public, changes, decided_by)
       SELECT $1, complaint.id, 'FILED', NULL, 'RECEIVED', $22::uuid, $23::uuid, $24::boolean, $25::jsonb, $26::text FROM complaint
       RETURNING *
     ), clocks AS (
       ${clockInsertSql({
         tenantId: '$1',
         complaintId: 'complaint.id',
         startedAt: 'complaint.received_at',
         paused: 'false',
         decidedBy: '$26::text',
         arrays: { stages: '$28', dues: '$29', reminds: '$30', amounts: '$31', units: '$32', reasons: '$33' },
         from: 'complaint',
       })}
     ), clock_ids AS (
       SELECT coalesce(array_agg(id), '{}') AS ids FROM clocks
     )
     SELECT complaint.*, event.id AS event_id, event.seq AS event_seq, event.changes AS event_changes,
            event.created_at AS event_created_at, ${COMPLAINT_EVENT_NOTIFY_SQL('event', '$27')} AS event_notified,
            -- A volatile function sees the rows this statement has written before calling it:
            -- the clocks are all stored once their ids are aggregated.
            CASE WHEN cardinality(clock_ids.ids) > 0 THEN schedule_deadline_jobs(clock_ids.ids) END AS clocks_scheduled,
            ARRAY(SELECT DISTINCT subscribed FROM webhook_endpoints w, unnest(w.events) AS subscribed
                   WHERE w.tenant_id = $1 AND w.deleted_at IS NULL) AS webhook_events
       FROM complaint, event, clock_ids`,
    [
      tenantId,
      draft.trackingCode,
      draft.channel,
      draft.receivedAt,
      draft.receivedBy,
      draft.description,
      draft.demands,
      draft.respondent ? JSON.stringify(draft.respondent) : null,
      draft.customerId,
      draft.assetId,
      draft.categoryCode,
      draft.priority,
      draft.major,
      JSON.stringify(draft.fields),
      plugin.plugin.id,
      plugin.plugin.version,
      JSON.stringify(plugin.config),
      draft.notifyEmail,
      draft.notifyLocale,
      JSON.stringify(
        evidence.items.map((item) => ({
          file_name: item.fileName,
          content_type: item.contentType,
          size_bytes: item.sizeBytes,
          sha256: item.sha256,
          note: item.note,
        })),
      ),
      evidence.source,
      event.actor?.userId ?? null,
      event.actor?.apiKeyId ?? null,
      EVENT_KINDS.FILED.public,
      JSON.stringify(event.changes),
      plugin.decidedBy,
      LIVE_CHANNEL,
      arrays.stages,
      arrays.dues,
      arrays.reminds,
      arrays.amounts,
      arrays.units,
      arrays.reasons,
    ],
  );
  const {
    event_id: eventId,
    event_seq: seq,
    event_changes: changes,
    event_created_at: createdAt,
    event_notified: _notified,
    clocks_scheduled: _scheduled,
    webhook_events: webhookEvents,
    ...complaint
  } = result;
  const row = camelRow<ComplaintRow>(complaint);
  const recorded: EventRow = {
    id: eventId as string,
    seq: seq as string,
    complaintId: row.id,
    kind: 'FILED',
    fromStatus: null,
    toStatus: 'RECEIVED',
    actorUserId: event.actor?.userId ?? null,
    actorApiKeyId: event.actor?.apiKeyId ?? null,
    isPublic: EVENT_KINDS.FILED.public,
    changes: changes as Record<string, unknown>,
    decidedBy: plugin.decidedBy,
    createdAt: createdAt as Date,
  };
  return { row, event: recorded, webhookEvents: webhookEvents as string[] };
}
