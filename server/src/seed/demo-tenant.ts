import type { Locale } from '@redress/plugin-api';
import type { DemoCase } from './demo-case';

/** A demo tenant: its industry plugin, its people and the complaints of its recent weeks. */
export interface DemoTenantSpec {
  slug: string;
  name: string;
  locale: Locale;
  /** Its logo, set by its administrator with updateTenantBranding: a data:image URL. */
  logoUrl: string;
  pluginId: string;
  /** Rule arguments set with configurePlugin after installing (the plugin's defaults for the rest). */
  pluginConfig: Record<string, unknown>;
  /** Members besides the tenant administrator; departments are the plugin's codes. */
  staff: { local: string; name: string; roles: string[]; department: string }[];
  cases: DemoCase[];
  /** Who generates the previous month's report at the start of this month (a member's local part). */
  reportBy: string;
}

/** The local part of the tenant administrator's e-mail, as the tenant service creates it. */
export const DEMO_ADMIN_LOCAL = 'admin';

export const demoEmail = (local: string, slug: string) => `${local}@${slug}.example`;
