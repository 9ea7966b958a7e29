import { isIP } from 'node:net';
import type { NotificationSettings } from '../config/config';
import type { RequestContext } from '../context/request-context';
import { keysetPage } from '../db/keyset-page';
import type { Connection, PageArgs } from '../graphql/connection';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { toGlobalId } from '../graphql/relay';
import { filterId, requireGlobalId, validateInput } from '../graphql/validate';
import { scheduleDelivery } from './outbox';
import { addressAllowed, newWebhookSecret } from './webhook-sender';
import {
  CreateWebhookEndpointInput,
  WebhookDelivery,
  type WebhookDeliveryFilter,
  type WebhookDeliveryStatus,
  WebhookEndpoint,
} from './webhook.types';

interface EndpointRow {
  id: string;
  url: string;
  description: string | null;
  events: string[];
  previous_secret_expires_at: Date | null;
  created_at: Date;
}

interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  payload: unknown;
  status: WebhookDeliveryStatus;
  attempts: number;
  response_status: number | null;
  last_error: string | null;
  replay_of: string | null;
  created_at: Date;
  finished_at: Date | null;
}

const ENDPOINT_COLUMNS = 'id, url, description, events, previous_secret_expires_at, created_at';

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return Object.assign(new WebhookEndpoint(), {
    id: toGlobalId('WebhookEndpoint', row.id),
    url: row.url,
    description: row.description,
    events: row.events,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    createdAt: row.created_at,
  });
}

function toDelivery(row: DeliveryRow): WebhookDelivery {
  return Object.assign(new WebhookDelivery(), {
    id: toGlobalId('WebhookDelivery', row.id),
    endpointId: toGlobalId('WebhookEndpoint', row.endpoint_id),
    eventId: row.event_id,
    eventType: row.event_type,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.response_status,
    lastError: row.last_error,
    replayOf: row.replay_of ? toGlobalId('WebhookDelivery', row.replay_of) : null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  });
}

/**
 * A tenant's webhook endpoints and their delivery log (tenant administrators; the resolvers
 * check the role, row-level security keeps every tenant to its own).
 */
export class WebhookService {
  constructor(private readonly settings: NotificationSettings) {}

  async endpoints(ctx: RequestContext): Promise<WebhookEndpoint[]> {
    const viewer = ctx.requireTenantViewer();
    const rows = await ctx.db.query<EndpointRow>(
      `SELECT ${ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE tenant_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
      [viewer.tenantId],
    );
    return rows.map(toEndpoint);
  }

  async create(ctx: RequestContext, input: CreateWebhookEndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(CreateWebhookEndpointInput.schema, input);
    const host = new URL(data.url).hostname.replace(/^\[|\]$/g, '');
    const literal = isIP(host) ? host : host === 'localhost' ? '127.0.0.1' : null;
    if (literal && !addressAllowed(literal, this.settings.webhookAllowPrivateAddresses)) {
      throw new UserFailure(UserErrorCode.INVALID_INPUT, 'Webhooks may not reach private, loopback or link-local addresses', 'url');
    }
    const secret = newWebhookSecret();
    const [row] = await ctx.db.query<EndpointRow>(
      `INSERT INTO webhook_endpoints (tenant_id, url, description, events, secret, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${ENDPOINT_COLUMNS}`,
      [viewer.tenantId, data.url, data.description, data.events, secret, viewer.userId],
    );
    return { endpoint: toEndpoint(row), secret };
  }

  /**
   * A new secret, shown once; the previous one keeps signing beside it for the overlap
   * (WEBHOOK_SECRET_OVERLAP_SECONDS), so receivers can switch without missing a request.
   */
  async rotateSecret(ctx: RequestContext, globalId: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    const viewer = ctx.requireTenantViewer();
    const id = requireGlobalId(globalId, 'WebhookEndpoint', 'id');
    const secret = newWebhookSecret();
    const [row] = await ctx.db.query<EndpointRow>(
      `UPDATE webhook_endpoints
          SET previous_secret = secret, secret = $3, previous_secret_expires_at = app_now() + make_interval(secs => $4)
        WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL
        RETURNING ${ENDPOINT_COLUMNS}`,
      [id, viewer.tenantId, secret, this.settings.webhookSecretOverlapSeconds],
    );
    if (!row) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No webhook endpoint with this id', 'id');
    return { endpoint: toEndpoint(row), secret };
  }

  /** Stops the endpoint: it receives nothing more, deliveries not yet sent fail; the log stays. */
  async delete(ctx: RequestContext, globalId: string): Promise<string> {
    const viewer = ctx.requireTenantViewer();
    const id = requireGlobalId(globalId, 'WebhookEndpoint', 'id');
    const [row] = await ctx.db.query<{ id: string }>(
      `UPDATE webhook_endpoints SET deleted_at = app_now(), secret = '', previous_secret = NULL
        WHERE id = $1 AND tenant_id = $2 AND deleted_at IS NULL RETURNING id`,
      [id, viewer.tenantId],
    );
    if (!row) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No webhook endpoint with this id', 'id');
    return globalId;
  }

  async deliveries(
    ctx: RequestContext,
    filter: WebhookDeliveryFilter | null | undefined,
    args: PageArgs,
  ): Promise<Connection<WebhookDelivery>> {
    const viewer = ctx.requireTenantViewer();
    const params: unknown[] = [viewer.tenantId];
    const conditions = ['d.tenant_id = $1'];
    if (filter?.endpointId)
      conditions.push(`d.endpoint_id = $${params.push(filterId(filter.endpointId, 'WebhookEndpoint', 'endpointId'))}`);
    if (filter?.status?.length) conditions.push(`d.status = ANY($${params.push(filter.status)}::text[])`);
    if (filter?.eventType) conditions.push(`d.event_type = $${params.push(filter.eventType)}`);
    return keysetPage(
      ctx.db,
      {
        select: 'd.*',
        from: 'webhook_deliveries d',
        where: conditions.join(' AND '),
        params,
        orderBy: { column: 'd.created_at', id: 'd.id', direction: 'DESC' },
        rowOf: (row) => row as unknown as DeliveryRow,
        positionOf: (row) => ({ sortKey: row.created_at, id: row.id }),
      },
      args,
      toDelivery,
    );
  }

  /** Sends a logged delivery's event again to its endpoint, as a new delivery of the log (same event id). */
  async replay(ctx: RequestContext, globalId: string): Promise<WebhookDelivery> {
    const viewer = ctx.requireTenantViewer();
    const id = requireGlobalId(globalId, 'WebhookDelivery', 'id');
    const [row] = await ctx.db.query<DeliveryRow>(
      `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload, replay_of)
       SELECT d.tenant_id, d.endpoint_id, d.event_id, d.event_type, d.payload, d.id
         FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.deleted_at IS NULL
        WHERE d.id = $1 AND d.tenant_id = $2
       RETURNING *`,
      [id, viewer.tenantId],
    );
    if (!row) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No delivery with this id to an endpoint that still exists', 'id');
    await scheduleDelivery(ctx.db, 'webhook', [row.id]);
    return toDelivery(row);
  }
}
