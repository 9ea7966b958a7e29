import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_TENANT, RUNTIME_GROUP_ROLE, tenantOwnedTable } from './rls.sql-helpers';

/**
 * Notifications that reach people: a transactional outbox. A change writes its notifications
 * (one per person told: the staff inbox, a complainant's receipt), the mail messages and the
 * webhook deliveries they lead to, and their delivery jobs, in its own transaction: a
 * rolled-back change leaves none, a committed one loses none. Each mail message and webhook
 * delivery is one row with a unique key (per notification; per endpoint and event), claimed
 * by a lease before it is sent, so two server processes deliver it once.
 *
 * Delivery jobs go on the job queue (graphile-worker) through `schedule_outbox_jobs`, a
 * security-definer function that only accepts rows of the transaction's own tenant. Retries
 * and leases run on the database's own time (`now()`), not the business clock: they are
 * technical waits, whereas `created_at` and the like are business time (`app_now()`).
 */
export class Notifications1765300000200 implements MigrationInterface {
  name = 'Notifications1765300000200';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      // A complainant's address for updates, kept only when they consented to be written to.
      `ALTER TABLE complaints
         ADD COLUMN notify_email text CHECK (notify_email = lower(notify_email) AND length(notify_email) <= 320),
         ADD COLUMN notify_locale text CHECK (notify_locale IN ('zh-CN', 'en'))`,

      `CREATE TABLE notifications (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         event text NOT NULL,
         recipient_user_id uuid REFERENCES users(id),
         recipient_email text,
         complaint_id uuid,
         data jsonb NOT NULL DEFAULT '{}',
         -- The cause and the recipient: one cause tells one person once, however often it is handled.
         dedupe_key text NOT NULL,
         in_inbox boolean NOT NULL,
         read_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT app_now(),
         CHECK ((recipient_user_id IS NULL) <> (recipient_email IS NULL)),
         UNIQUE (tenant_id, id),
         UNIQUE (tenant_id, dedupe_key),
         FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id)
       )`,
      `CREATE INDEX notifications_inbox_idx ON notifications (tenant_id, recipient_user_id, created_at) WHERE in_inbox`,
      ...tenantOwnedTable('notifications', { appendOnly: true }),
      `GRANT UPDATE (read_at) ON notifications TO ${RUNTIME_GROUP_ROLE}`,

      `CREATE TABLE notification_preferences (
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         user_id uuid NOT NULL REFERENCES users(id),
         locale text CHECK (locale IN ('zh-CN', 'en')),
         -- { "<EVENT>": { "inApp": bool, "email": bool } }; an event not named goes to every channel.
         channels jsonb NOT NULL DEFAULT '{}',
         updated_at timestamptz NOT NULL DEFAULT app_now(),
         PRIMARY KEY (tenant_id, user_id)
       )`,
      ...tenantOwnedTable('notification_preferences'),

      `CREATE TABLE notification_templates (
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         event text NOT NULL,
         locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
         subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
         text_body text NOT NULL CHECK (length(text_body) BETWEEN 1 AND 20000),
         html_body text NOT NULL CHECK (length(html_body) BETWEEN 1 AND 50000),
         updated_by uuid REFERENCES users(id),
         updated_at timestamptz NOT NULL DEFAULT app_now(),
         PRIMARY KEY (tenant_id, event, locale)
       )`,
      ...tenantOwnedTable('notification_templates'),

      `CREATE TABLE mail_messages (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         notification_id uuid NOT NULL,
         to_address text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 320),
         locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
         -- Rendered when it is sent (or kept), from the tenant's template of that moment.
         subject text,
         text_body text,
         html_body text,
         status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'KEPT', 'FAILED')),
         attempts int NOT NULL DEFAULT 0,
         last_error text,
         message_id text,
         next_attempt_at timestamptz,
         locked_until timestamptz,
         created_at timestamptz NOT NULL DEFAULT app_now(),
         finished_at timestamptz,
         UNIQUE (tenant_id, id),
         -- Delivery is idempotent per notification and channel: one mail per notification.
         UNIQUE (tenant_id, notification_id),
         FOREIGN KEY (tenant_id, notification_id) REFERENCES notifications (tenant_id, id)
       )`,
      `CREATE INDEX mail_messages_page_idx ON mail_messages (tenant_id, created_at, id)`,
      ...tenantOwnedTable('mail_messages'),

      `CREATE TABLE webhook_endpoints (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
         description text CHECK (length(description) <= 500),
         events text[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 100),
         secret text NOT NULL,
         previous_secret text,
         previous_secret_expires_at timestamptz,
         created_by uuid REFERENCES users(id),
         created_at timestamptz NOT NULL DEFAULT app_now(),
         deleted_at timestamptz,
         UNIQUE (tenant_id, id)
       )`,
      `CREATE INDEX webhook_endpoints_live_idx ON webhook_endpoints (tenant_id) WHERE deleted_at IS NULL`,
      ...tenantOwnedTable('webhook_endpoints'),

      `CREATE TABLE webhook_deliveries (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         endpoint_id uuid NOT NULL,
         event_id uuid NOT NULL,
         event_type text NOT NULL,
         payload jsonb NOT NULL,
         replay_of uuid,
         status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
         attempts int NOT NULL DEFAULT 0,
         response_status int,
         last_error text,
         next_attempt_at timestamptz,
         locked_until timestamptz,
         created_at timestamptz NOT NULL DEFAULT app_now(),
         finished_at timestamptz,
         UNIQUE (tenant_id, id),
         FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id),
         FOREIGN KEY (tenant_id, replay_of) REFERENCES webhook_deliveries (tenant_id, id)
       )`,
      // Delivery is idempotent per event and endpoint; a replay is a delivery of its own.
      `CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (tenant_id, endpoint_id, event_id) WHERE replay_of IS NULL`,
      `CREATE INDEX webhook_deliveries_page_idx ON webhook_deliveries (tenant_id, created_at, id)`,
      ...tenantOwnedTable('webhook_deliveries'),

      `CREATE FUNCTION schedule_outbox_jobs(kind text, ids uuid[], delay_ms int) RETURNS void
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
       DECLARE found int;
       BEGIN
         IF kind = 'mail' THEN
           SELECT count(*) INTO found FROM mail_messages WHERE id = ANY(ids) AND tenant_id = ${CURRENT_TENANT} AND status = 'PENDING';
         ELSIF kind = 'webhook' THEN
           SELECT count(*) INTO found FROM webhook_deliveries WHERE id = ANY(ids) AND tenant_id = ${CURRENT_TENANT} AND status = 'PENDING';
         ELSE
           RAISE EXCEPTION 'unknown outbox kind %', kind;
         END IF;
         IF found <> cardinality(ARRAY(SELECT DISTINCT unnest(ids))) THEN
           RAISE EXCEPTION 'only pending outbox rows of this tenant can be scheduled';
         END IF;
         -- One job per row: scheduling again moves it (job_key), never doubles it. Database time:
         -- a delivery is due now (or after its back-off), whatever the business clock says.
         PERFORM graphile_worker.add_jobs(ARRAY(
           SELECT ('deliver-' || kind, json_build_object('tenantId', ${CURRENT_TENANT}, 'id', i), NULL,
                   now() + make_interval(secs => delay_ms / 1000.0), 5, kind || ':' || i, NULL, NULL)::graphile_worker.job_spec
             FROM unnest(ids) AS i));
       END $$`,
      `REVOKE ALL ON FUNCTION schedule_outbox_jobs(text, uuid[], int) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION schedule_outbox_jobs(text, uuid[], int) TO ${RUNTIME_GROUP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION schedule_outbox_jobs(text, uuid[], int)');
    for (const table of [
      'webhook_deliveries',
      'webhook_endpoints',
      'mail_messages',
      'notification_templates',
      'notification_preferences',
      'notifications',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query('ALTER TABLE complaints DROP COLUMN notify_email, DROP COLUMN notify_locale');
  }
}
