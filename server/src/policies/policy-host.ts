import type { Clock, ComplaintPolicy, DeadlineDraft, PolicyRules, RuleDefinition } from '@redress/plugin-api';
import { DateTime } from 'luxon';
import { defaultPolicy } from './default-policy';

/** Rule arguments of one policy, by rule code, as pinned on a complaint. */
export type PolicyArgs = Record<string, unknown>;

/**
 * A policy bound to the arguments it runs with. Complaints pin policy id, version and
 * arguments when filed, so a later change of configuration never alters one in flight.
 */
export class BoundPolicy {
  constructor(
    readonly policy: ComplaintPolicy,
    readonly args: PolicyArgs,
  ) {}

  /** `default@1.0.0`: recorded on every event and deadline this policy decided. */
  get decidedBy(): string {
    return `${this.policy.id}@${this.policy.version}`;
  }

  decide<K extends keyof PolicyRules>(
    rule: K,
    input: Parameters<PolicyRules[K]['evaluate']>[0],
    clock: Clock,
  ): ReturnType<PolicyRules[K]['evaluate']> {
    const definition = this.policy.rules[rule] as RuleDefinition<unknown, unknown, unknown>;
    const args = definition.args.parse(this.args[definition.code] ?? {});
    return definition.evaluate(input, args, clock) as ReturnType<PolicyRules[K]['evaluate']>;
  }

  category(code: string) {
    return this.policy.categories.find((category) => category.code === code) ?? null;
  }

  rejectionReason(code: string) {
    return this.policy.rejectionReasons.find((reason) => reason.code === code) ?? null;
  }
}

/** Every rule's arguments with their defaults filled in. */
export function defaultArgs(policy: ComplaintPolicy): PolicyArgs {
  return Object.fromEntries(Object.values(policy.rules).map((rule) => [rule.code, rule.args.parse({})]));
}

/**
 * Which policy governs a tenant's complaints. Until tenants install industry plugins every
 * tenant runs the built-in default policy with its default arguments.
 */
export class PolicyHost {
  private readonly byKey = new Map<string, ComplaintPolicy>();

  constructor(policies: ComplaintPolicy[] = [defaultPolicy]) {
    for (const policy of policies) {
      const key = `${policy.id}@${policy.version}`;
      if (this.byKey.has(key)) throw new Error(`Policy ${key} is registered twice`);
      defaultArgs(policy); // fails at start when a rule's schema rejects its own defaults
      this.byKey.set(key, policy);
    }
  }

  /** The policy for new complaints of a tenant. */
  forNewComplaint(_tenantId: string): BoundPolicy {
    return new BoundPolicy(defaultPolicy, defaultArgs(defaultPolicy));
  }

  /** The policy pinned on a complaint when it was filed. */
  pinned(complaint: { policyId: string; policyVersion: string; policyArgs: PolicyArgs }): BoundPolicy {
    const policy = this.byKey.get(`${complaint.policyId}@${complaint.policyVersion}`);
    if (!policy) throw new Error(`Policy ${complaint.policyId}@${complaint.policyVersion} is not registered`);
    return new BoundPolicy(policy, complaint.policyArgs);
  }
}

/**
 * When a clock started at `start` falls due: hours are calendar hours; days follow the
 * Civil Code (art. 201): the day of the start is not counted and the period ends at the
 * end of its last day in the tenant's time zone.
 */
export function dueAt(start: Date, draft: DeadlineDraft, timeZone: string): Date {
  if (draft.unit === 'hours') return new Date(start.getTime() + draft.amount * 3_600_000);
  return DateTime.fromJSDate(start, { zone: timeZone })
    .startOf('day')
    .plus({ days: draft.amount + 1 })
    .toJSDate();
}

export const systemClock: Clock = { now: () => new Date() };
