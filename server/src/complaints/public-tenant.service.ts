import { DEMAND, type Locale } from '@redress/plugin-api';
import type { FileSettings } from '../config/config';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { IdRow } from '../db/common-rows';
import type { PluginHost } from '../plugins/plugin-host';
import { intakeFieldsOf } from '../plugins/plugin.service';
import { labelledValues } from './complaint-query.service';
import type { PublicTenant, PublicUploadLimits } from './public-pages.types';

/**
 * An organisation as its public complaint pages show it, found by the slug in their address:
 * its name, logo, language and time zone, and what its form asks (the demands and the
 * intake fields of the plugin a new complaint would be filed under), and the limits of the
 * files it may attach.
 */
export class PublicTenantService {
  private readonly uploadLimits: PublicUploadLimits;

  constructor(
    private readonly plugins: PluginHost,
    files: FileSettings,
  ) {
    this.uploadLimits = {
      maxFileBytes: files.maxUploadBytes,
      // 0 in the settings: no limit.
      maxFilesPerComplaint: files.perComplaint.maxFiles || null,
      maxBytesPerComplaint: files.perComplaint.maxBytes || null,
      allowedTypes: [...files.allowedTypes],
    };
  }

  /** Null for an unknown slug. Runs on the operation's transaction, scoped to the tenant meanwhile. */
  async find(tx: TenantTransaction, slug: string, requested: Locale | null): Promise<PublicTenant | null> {
    const [found] = await tx.lookup<IdRow>('SELECT id FROM auth_tenant_by_slug($1)', [slug]);
    if (!found) return null;
    return tx.inScope({ tenantId: found.id, userId: null }, async (tx) => {
      const [tenant] = await tx.query<{ slug: string; name: string; locale: Locale; time_zone: string; logo_url: string | null }>(
        'SELECT slug, name, locale, time_zone, logo_url FROM tenants WHERE id = $1',
        [found.id],
      );
      const locale = requested ?? tenant.locale;
      const plugin = await this.plugins.forNewComplaint(tx, found.id);
      return {
        slug: tenant.slug,
        name: tenant.name,
        logoUrl: tenant.logo_url,
        locale: tenant.locale,
        timeZone: tenant.time_zone,
        demands: labelledValues(DEMAND, locale),
        intakeFields: intakeFieldsOf(plugin.plugin, locale),
        uploadLimits: this.uploadLimits,
      };
    });
  }
}
