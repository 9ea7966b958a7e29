import type { ComplaintPlugin } from '@redress/plugin-api';
import { defaultPlugin } from '@redress/plugin-default';
import { retailPlugin } from '@redress/plugin-retail';
import { hospitalPlugin } from '@redress/plugin-hospital';
import { automotiveDealerPlugin } from '@redress/plugin-automotive-dealer';

/** The plugins this build of the server ships; tenants install from these. */
export const SHIPPED_PLUGINS: ComplaintPlugin[] = [defaultPlugin, retailPlugin, hospitalPlugin, automotiveDealerPlugin];
