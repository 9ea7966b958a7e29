import { RateLimiterRes, type RateLimiterPostgres } from 'rate-limiter-flexible';
import { rateLimitRefusals } from '../metrics/metrics';
import type { Pool } from 'pg';
import { DEFAULT_RATE_LIMITS, type PublicLimit, type RateLimitSettings } from '../config/config';
import { rateLimited } from '../graphql/errors';
import { LoginGuard } from './login-guard';
import { counter, hashedKey, rateLimitPool } from './rate-limit-store';

/** The operations anyone may call without an account, each limited per address and per tenant. */
export type PublicOperation =
  | 'submitComplaint'
  | 'complaintStatus'
  | 'satisfactionSurvey'
  | 'evidenceUpload'
  | 'complainantEvidence'
  | 'publicTenant'
  | 'complainantMessage';

interface PublicLimiters {
  byAddress: RateLimiterPostgres | null;
  byTenant: RateLimiterPostgres | null;
}

/**
 * The rate limits of one server process, backed by PostgreSQL (rate-limiter-flexible's
 * RateLimiterPostgres), so every process behind a load balancer counts the same attempts.
 * Each check runs before the work it protects and refuses with RATE_LIMITED.
 */
export class RateLimits {
  readonly login: LoginGuard;
  private readonly public: Record<PublicOperation, PublicLimiters>;

  private constructor(
    private readonly pool: Pool,
    settings: RateLimitSettings,
  ) {
    counter(pool, 'sweeper', 1, 1, { sweepExpired: true });
    this.login = new LoginGuard(pool, settings.login);
    const limiters = (name: string, limit: PublicLimit): PublicLimiters => ({
      byAddress: limit.perAddress > 0 ? counter(pool, `${name}:address`, limit.perAddress, limit.windowSeconds) : null,
      byTenant: limit.perTenant > 0 ? counter(pool, `${name}:tenant`, limit.perTenant, limit.windowSeconds) : null,
    });
    this.public = {
      submitComplaint: limiters('submit', settings.submitComplaint),
      complaintStatus: limiters('status', settings.complaintStatus),
      satisfactionSurvey: limiters('survey', settings.satisfactionSurvey),
      evidenceUpload: limiters('upload', settings.evidenceUpload),
      complainantEvidence: limiters('evidence', settings.complainantEvidence),
      publicTenant: limiters('tenant-page', settings.publicTenant),
      complainantMessage: limiters('message', settings.complainantMessage),
    };
  }

  /** Limits on the runtime role's URL, with a small pool of their own (see rateLimitPool). */
  static open(runtimeUrl: string, settings: RateLimitSettings = DEFAULT_RATE_LIMITS): RateLimits {
    return new RateLimits(rateLimitPool(runtimeUrl), settings);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /**
   * Counts one public request from `address` for the organisation named `tenantSlug` (as
   * given: an unknown slug is counted like a known one, so the answer reveals nothing).
   * Throws RATE_LIMITED when either limit is used up; the caller has done nothing yet.
   */
  async checkPublic(operation: PublicOperation, address: string, tenantSlug: string): Promise<void> {
    const { byAddress, byTenant } = this.public[operation];
    await consumeOrRefuse(byAddress, hashedKey(address), `${operation}-per-address`);
    await consumeOrRefuse(
      byTenant,
      hashedKey(
        String(tenantSlug ?? '')
          .trim()
          .toLowerCase(),
      ),
      `${operation}-per-tenant`,
    );
  }
}

async function consumeOrRefuse(limiter: RateLimiterPostgres | null, key: string, limit: string): Promise<void> {
  if (!limiter) return;
  try {
    await limiter.consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      rateLimitRefusals.inc({ limit });
      throw rateLimited(rejection.msBeforeNext / 1000);
    }
    throw rejection;
  }
}
