import type { MigrationInterface, QueryRunner } from 'typeorm';
import { RUNTIME_GROUP_ROLE } from './rls.sql-helpers';

/**
 * The counters of the rate limits (rate-limiter-flexible's RateLimiterPostgres), shared by
 * every server process. Created here, owned by the owner role; the runtime role reads and
 * writes rows only. Keys are hashes of addresses, emails and slugs: no tenant data, so no
 * row-level security.
 */
export class RateLimits1764800000000 implements MigrationInterface {
  name = 'RateLimits1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rate_limits (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    )`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO ${RUNTIME_GROUP_ROLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rate_limits');
  }
}
