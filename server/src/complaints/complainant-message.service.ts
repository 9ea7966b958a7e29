import type { TenantTransaction } from '../db/tenant-transaction';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { validateInput } from '../graphql/validate';
import type { ComplaintChanges } from './complaint-changes';
import { writeComplaintChange } from './complaint-journal';
import type { EventRow } from './complaint-rows';
import { AddComplainantMessageInput } from './public-pages.types';
import { trackedTenant } from './tracking-code';

/**
 * The text of a complainant's message event; null for any other event, whose changes are
 * never shown to the complainant.
 */
export function complainantMessageOf(event: Pick<EventRow, 'kind' | 'changes'>): string | null {
  if (event.kind !== 'COMPLAINANT_MESSAGE') return null;
  const message = (event.changes as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : null;
}

/**
 * A complainant adds a message to their own complaint through its tracking code: an event on
 * its timeline (COMPLAINANT_MESSAGE, no actor), public, so it shows in their history and on
 * the staff's complaint page. It changes the complaint's version like any other change, so a
 * member acting on an older view is told (STALE_VERSION) and sees it first.
 */
export class ComplainantMessageService {
  constructor(private readonly changes: ComplaintChanges) {}

  /** Runs on the operation's transaction `tx`, scoped to the complaint's tenant meanwhile. */
  async add(tx: TenantTransaction, input: AddComplainantMessageInput): Promise<void> {
    const data = validateInput(AddComplainantMessageInput.schema, input);
    const tracked = await trackedTenant(tx, data.tenantSlug, data.trackingCode);
    // One answer for an unknown organisation and an unknown code: neither is confirmed to exist.
    if (!tracked) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No complaint with this tracking code', 'trackingCode');
    const { tenant, code } = tracked;
    await tx.inScope({ tenantId: tenant.id, userId: null }, async (tx) => {
      const locked = await this.changes.lockByTrackingCode(tx, tenant, code);
      await writeComplaintChange(tx, locked.row, { kind: 'COMPLAINANT_MESSAGE', actor: null, changes: { message: data.message } });
    });
  }
}
