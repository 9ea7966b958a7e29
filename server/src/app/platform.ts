import type { ComplaintPlugin } from '@redress/plugin-api';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import { TokenService } from '../auth/token';
import { warnAboutMissingHolidaySchedules } from '../calendar/holiday-schedule.service';
import { fileSettings, notificationSettings, type Config } from '../config/config';
import { openFiles, type Files } from '../files/files';
import { openDatabase, type Database } from '../db/database';
import { buildAppSchema } from '../graphql/schema';
import type { Logger } from '../logging/logger';
import { PluginHost } from '../plugins/plugin-host';
import { SHIPPED_PLUGINS } from '../plugins/shipped-plugins';
import { RateLimits } from '../rate-limits/rate-limits';
import { createServices, type Services } from '../services';
import { systemClock, type Clock } from '../time/clock';

export interface StartOptions {
  plugins?: ComplaintPlugin[];
  /** Business time; the system clock when not given. */
  clock?: Clock;
  /**
   * Technical time for token lifetimes and session ages (never business time); the system
   * clock when not given. Tests move it to reach a token's or a sign-in's age without waiting.
   */
  tokenTime?: () => Date;
}

/** What every other part of the server is built on: plugins, database, services, schema. */
export interface Platform {
  clock: Clock;
  plugins: PluginHost;
  database: Database;
  dataSource: DataSource;
  tokens: TokenService;
  rateLimits: RateLimits;
  /** Evidence files: store, download URLs, upload settings. */
  files: Files;
  services: Services;
  schema: GraphQLSchema;
  /** Closes the rate-limit pool, then the database (the pool, and an embedded PostgreSQL). */
  stop(): Promise<void>;
}

/**
 * Checks the plugins, opens the database (migrations run by the owner role), and builds the
 * services and the GraphQL schema.
 */
export async function startPlatform(config: Config, logger: Logger, options: StartOptions): Promise<Platform> {
  const clock = options.clock ?? systemClock;
  // Plugins are checked before anything else starts: a malformed one stops the server here.
  const plugins = new PluginHost(options.plugins ?? SHIPPED_PLUGINS, clock);
  const database = await openDatabase(config, logger, plugins, clock);
  const { dataSource } = database;
  const rateLimits = RateLimits.open(database.runtimeUrl, config.rateLimits);
  let files: Files | undefined;
  const stop = async () => {
    files?.close();
    await rateLimits.close();
    await database.close();
  };
  try {
    // Starts on any date; says which years' public holidays are missing (a failed check does not stop it).
    await warnAboutMissingHolidaySchedules(dataSource, clock, logger).catch((err) =>
      logger.error({ err }, 'could not check the public-holiday schedules'),
    );
    const tokens = new TokenService(database.tokenSecret, config.tokenTtlSeconds, {
      maxSessionAgeSeconds: config.sessionMaxAgeSeconds,
      now: options.tokenTime,
    });
    // Download URLs expire on security time, as tokens do.
    files = openFiles(fileSettings(config), database.tokenSecret, options.tokenTime ?? (() => new Date()));
    const services = createServices(dataSource, clock, tokens, plugins, rateLimits, files, notificationSettings(config));
    const schema = await buildAppSchema();
    return { clock, plugins, database, dataSource, tokens, rateLimits, files, services, schema, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
