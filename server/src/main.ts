import 'reflect-metadata';
import { startApp } from './app';
import { ConfigError, fileSettings, loadConfig } from './config/config';
import { allowedTypeSet } from './files/file-types';
import { createLogger } from './logging/logger';
import { DEMO_PASSWORD, DEMO_PLATFORM_ADMIN, seedDemoOnFirstStart } from './seed/demo-seed';

async function main(): Promise<void> {
  // Production unless told otherwise: no development error pages, stack traces or paths.
  process.env.NODE_ENV ??= 'production';
  let config;
  try {
    config = loadConfig();
    // Checked before anything starts: a type the bytes cannot show would refuse every upload.
    allowedTypeSet(fileSettings(config).allowedTypes);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await startApp(config, logger);
  const demo =
    config.seedDemo === 'auto'
      ? await seedDemoOnFirstStart({
          dataSource: app.dataSource,
          ownerUrl: app.database.ownerUrl,
          clock: app.clock,
          services: app.services,
          logger,
        }).catch(async (error: unknown) => {
          await app.stop().catch(() => undefined);
          throw error;
        })
      : null;

  const lines = [
    `Redress is listening on ${app.url} (GraphQL over HTTP and graphql-ws)`,
    `  health: http://${config.host}:${app.port}/healthz   readiness: http://${config.host}:${app.port}/readyz`,
    `  database: ${app.database.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'DATABASE_URL'}`,
  ];
  if (app.database.embedded || demo) {
    lines.push(
      '',
      'Demo login (mutation login(input: { email, password, tenantSlug })):',
      `  tenant admin:   admin@demo-retail.example / ${DEMO_PASSWORD}  tenantSlug "demo-retail"`,
      `  also:           supervisor@, agent@, handler@ and the industry roles' accounts (README "Quick start"); tenants demo-hospital and demo-auto alike`,
      `  platform admin: ${DEMO_PLATFORM_ADMIN.email} / ${DEMO_PLATFORM_ADMIN.password}  (no tenantSlug)`,
    );
  }
  console.log(lines.join('\n'));

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'signal received');
    app.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(`Redress failed to start: ${error instanceof Error ? error.message : JSON.stringify(error)}`);
  process.exit(1);
});
