import { RateLimiterRes, type RateLimiterPostgres } from 'rate-limiter-flexible';
import { rateLimitRefusals } from '../metrics/metrics';
import type { Pool } from 'pg';
import type { RateLimitSettings } from '../config/config';
import { rateLimited } from '../graphql/errors';
import { counter, hashedKey } from './rate-limit-store';

type LoginSettings = RateLimitSettings['login'];

/** Counts failures; never refuses by itself. */
const UNBOUNDED = 1_000_000_000;

/**
 * Growing back-off for one kind of key (an account, an address). `failures` counts the
 * failed logins of the window; from `threshold` failures on, a gate lets one attempt through
 * per block, and every failed attempt closes it for `blockSeconds · 2^(failures − threshold)`
 * (at most `maxBlockSeconds`). Attempts refused while the gate is closed are not counted,
 * so waiting out a block is enough; the password is not checked for them at all.
 */
class Backoff {
  private readonly failures: RateLimiterPostgres;
  private readonly gate: RateLimiterPostgres;

  constructor(
    pool: Pool,
    name: string,
    private readonly threshold: number,
    private readonly settings: LoginSettings,
  ) {
    this.failures = counter(pool, `login:${name}:failures`, UNBOUNDED, settings.windowSeconds);
    this.gate = counter(pool, `login:${name}:gate`, 1, settings.blockSeconds);
  }

  private blockFor(failures: number): number {
    const doubling = Math.min(Math.max(failures - this.threshold, 0), 30);
    return Math.min(this.settings.blockSeconds * 2 ** doubling, this.settings.maxBlockSeconds);
  }

  /**
   * Before the password is checked: counts the attempt as failed until it is known to be
   * right (so a burst of parallel attempts is counted as it arrives), and past the threshold
   * takes the gate. Throws RATE_LIMITED, having undone its count, when the gate is closed.
   */
  async enter(key: string): Promise<Entered> {
    const counted = await this.failures.penalty(key, 1);
    const before = counted.consumedPoints - 1;
    if (before < this.threshold) return new Entered(this, key, false, before);
    try {
      // Held while the password is checked; a failure below restarts it at the full block.
      await this.gate.consume(key, 1, { customDuration: this.blockFor(before + 1) });
      return new Entered(this, key, true, before);
    } catch (rejection) {
      await this.failures.reward(key, 1);
      if (rejection instanceof RateLimiterRes) {
        rateLimitRefusals.inc({ limit: 'login' });
        throw rateLimited(rejection.msBeforeNext / 1000);
      }
      throw rejection;
    }
  }

  async failed(key: string): Promise<void> {
    const current = await this.failures.get(key);
    const failures = current?.consumedPoints ?? 0;
    if (failures >= this.threshold) await this.gate.block(key, this.blockFor(failures));
  }

  /** A right password: the failures are forgotten, and a block too when there may be one. */
  async cleared(entered: Entered): Promise<void> {
    const mayBeBlocked = entered.gated || entered.before >= this.threshold;
    await Promise.all([this.failures.delete(entered.key), mayBeBlocked ? this.gate.delete(entered.key) : null]);
  }

  async succeeded(key: string): Promise<void> {
    await this.failures.reward(key, 1);
  }

  async undo(key: string, gated: boolean): Promise<void> {
    await this.failures.reward(key, 1);
    if (gated) await this.gate.delete(key);
  }
}

class Entered {
  constructor(
    readonly backoff: Backoff,
    readonly key: string,
    readonly gated: boolean,
    /** Failures counted before this attempt. */
    readonly before: number,
  ) {}
}

/** One login attempt that passed the limits: report how it ended. */
export class LoginAttempt {
  constructor(
    private readonly account: Entered | null,
    private readonly address: Entered | null,
  ) {}

  /**
   * The password was right: the account's failures are forgotten. The address's earlier
   * failures are not (one good account must not open the door for guessing others); only
   * this attempt is taken off its count.
   */
  async succeeded(): Promise<void> {
    await Promise.all([this.account?.backoff.cleared(this.account), this.address?.backoff.succeeded(this.address.key)]);
  }

  /** Ended by an unexpected error: not counted either way. */
  async abandoned(): Promise<void> {
    await Promise.all([this.account, this.address].flatMap((e) => (e ? [e.backoff.undo(e.key, e.gated)] : [])));
  }

  /** Email, password or tenant wrong: each key's back-off grows. */
  async failed(): Promise<void> {
    await Promise.all([this.account, this.address].flatMap((e) => (e ? [e.backoff.failed(e.key)] : [])));
  }
}

/**
 * Login limits per account (the email as typed, whether or not it exists, so the answer
 * reveals nothing) and per client address, checked before argon2 runs.
 */
export class LoginGuard {
  private readonly account: Backoff | null;
  private readonly address: Backoff | null;

  constructor(pool: Pool, settings: LoginSettings) {
    this.account = settings.accountFailures > 0 ? new Backoff(pool, 'account', settings.accountFailures, settings) : null;
    this.address = settings.addressFailures > 0 ? new Backoff(pool, 'address', settings.addressFailures, settings) : null;
  }

  /** Both limits are checked at once; when either refuses, what the other counted is undone. */
  async begin(email: string, address: string): Promise<LoginAttempt> {
    const [byAccount, byAddress] = await Promise.allSettled([
      this.account
        ? this.account.enter(
            hashedKey(
              String(email ?? '')
                .trim()
                .toLowerCase(),
            ),
          )
        : null,
      this.address ? this.address.enter(hashedKey(address)) : null,
    ]);
    if (byAccount.status === 'fulfilled' && byAddress.status === 'fulfilled') return new LoginAttempt(byAccount.value, byAddress.value);
    await Promise.all(
      [byAccount, byAddress].flatMap((settled) =>
        settled.status === 'fulfilled' && settled.value ? [settled.value.backoff.undo(settled.value.key, settled.value.gated)] : [],
      ),
    );
    throw byAccount.status === 'rejected' ? byAccount.reason : (byAddress as PromiseRejectedResult).reason;
  }
}
