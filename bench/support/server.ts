/**
 * The compiled server (`npm run build`), typed from its sources. The benchmarks run the
 * same JavaScript as production; tsx cannot emit the decorator metadata type-graphql reads.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type * as App from '../../server/src/app';
import type * as RuntimeRole from '../../server/src/db/runtime-role';
import type * as Schema from '../../server/src/graphql/schema';
import type * as Token from '../../server/src/auth/token';
import type * as Seed from '../../server/src/seed/demo-seed';
import type * as DataSources from '../../server/src/db/data-sources';
import type * as PluginApi from '@redress/plugin-api';
import type * as DefaultPlugin from '@redress/plugin-default';

const DIST = path.join(__dirname, '../../server/dist');
if (!existsSync(path.join(DIST, 'app.js'))) {
  throw new Error('server/dist is missing: run `npm run build` first (npm run bench does)');
}
const load = <T>(file: string): T => require(path.join(DIST, file)) as T;

export const { startApp } = load<typeof App>('app.js');
export const { deriveRuntimePassword, ensureRuntimeRole, runtimeUrlFromOwnerUrl } = load<typeof RuntimeRole>('db/runtime-role.js');
export const { buildAppSchema } = load<typeof Schema>('graphql/schema.js');
export const { TokenService } = load<typeof Token>('auth/token.js');
export const { seedPlatformAdmin, DEMO_PLATFORM_ADMIN } = load<typeof Seed>('seed/demo-seed.js');
export const { createOwnerDataSource } = load<typeof DataSources>('db/data-sources.js');
export const pluginApi = require('@redress/plugin-api') as typeof PluginApi;
export const { defaultPlugin } = require('@redress/plugin-default') as typeof DefaultPlugin;
