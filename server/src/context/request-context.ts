import type { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Locale } from '@redress/plugin-api';
import { TenantTransaction, type DataScope } from '../db/tenant-transaction';
import { forbidden, unauthenticated } from '../graphql/errors';
import type { SharedReads } from '../live/live-event-scope';
import type { LiveSession } from '../live/live-stream';
import type { Logger } from '../logging/logger';
import type { Services } from '../services';
import { createLoaders, type Loaders } from './loaders';
import type { TenantViewer, Viewer } from './viewer';

/**
 * Everything one GraphQL operation needs: who asks, in which tenant, in which language,
 * its transaction and its DataLoaders. Built once per HTTP request and once per
 * subscription operation, passed explicitly to services, never shared.
 */
export class RequestContext {
  readonly db: TenantTransaction;
  private madeLoaders?: Loaders;
  /** Set for graphql-ws operations: what subscriptions need to follow live events. */
  live: LiveSession | null = null;
  /** Set for the context of one live delivery: reads shared with the other subscribers of the event. */
  sharedReads: SharedReads | null = null;
  /** The locale once known (see `locale`). */
  private knownLocale: Locale | null;
  /** Where the request came from (socket, or X-Forwarded-For behind trusted proxies), for rate limits. */
  clientAddress = 'unknown';

  constructor(
    dataSource: DataSource,
    readonly services: Services,
    readonly requestId: string,
    readonly logger: Logger,
    readonly viewer: Viewer | null,
    /** Why the credentials offered were refused; null when none were offered or they were good. */
    readonly authFailure: GraphQLError | null,
    /** From Accept-Language; null means the tenant's default. */
    readonly requestedLocale: Locale | null,
    transaction?: TenantTransaction,
  ) {
    const scope: DataScope = { tenantId: viewer?.tenantId ?? null, userId: viewer?.userId ?? null };
    this.db = transaction ?? new TenantTransaction(dataSource, services.clock, scope);
    const tenant = this.db.tenant && this.db.tenant.id === scope.tenantId ? this.db.tenant : null;
    this.knownLocale = requestedLocale ?? ((tenant?.locale as Locale | undefined) || null);
  }

  /** Made on first use: many operations (and every refused one) load nothing. */
  get loaders(): Loaders {
    return (this.madeLoaders ??= createLoaders(this.db));
  }

  /** The language of labels: Accept-Language when it names one we have, else the tenant's default. */
  async locale(): Promise<Locale> {
    if (this.knownLocale) return this.knownLocale;
    const tenantId = this.viewer?.tenantId;
    const load = (id: string) => this.loaders.tenantById.load(id);
    const tenant = tenantId
      ? await (this.sharedReads ? this.sharedReads.once(`tenant:${tenantId}`, () => load(tenantId)) : load(tenantId))
      : null;
    this.knownLocale = (tenant?.locale as Locale | undefined) ?? 'zh-CN';
    return this.knownLocale;
  }

  /**
   * `use(locale)`, at once when the locale is known (asked for, or the tenant read as the
   * transaction opened), else when it is: field resolvers that only label a value then stay
   * synchronous, which spares GraphQL execution a promise per field and row.
   */
  withLocale<T>(use: (locale: Locale) => T): T | Promise<T> {
    return this.knownLocale ? use(this.knownLocale) : this.locale().then(use);
  }

  requireViewer(): Viewer {
    if (this.authFailure) throw this.authFailure;
    if (!this.viewer) throw unauthenticated();
    return this.viewer;
  }

  /** The viewer acting inside a tenant; platform-level tokens are refused. */
  requireTenantViewer(): TenantViewer {
    const viewer = this.requireViewer();
    if (!viewer.tenantId) throw forbidden('This operation needs a tenant: log in with a tenantSlug');
    return viewer as TenantViewer;
  }
}
