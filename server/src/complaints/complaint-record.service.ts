import type { RequestContext } from '../context/request-context';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { requireGlobalId, validateInput } from '../graphql/validate';
import { chargePenalties } from '../penalties/penalty-ledger';
import { validateIntakeFields } from '../plugins/intake-fields';
import type { ChangeResult, ComplaintChanges } from './complaint-changes';
import * as In from './complaint.inputs';
import { toComplaintView } from './complaint-view';
import { tenantMember } from './tenant-members';

/** Changes to what a complaint records that are not steps of its lifecycle: industry fields, a refusal to receive it. */
export class ComplaintRecordService {
  constructor(private readonly changes: ComplaintChanges) {}

  /**
   * Sets or removes industry fields. The result is checked as a whole by the plugin version
   * that governs the complaint (not the tenant's current one), like the fields at intake.
   */
  async updateFields(ctx: RequestContext, input: In.UpdateComplaintFieldsInput): Promise<ChangeResult> {
    const { note } = validateInput(In.UpdateComplaintFieldsInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'UPDATE_FIELDS');
    const merged: Record<string, unknown> = { ...locked.row.fields };
    for (const [key, value] of Object.entries(input.fields)) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    const fields = validateIntakeFields(locked.plugin.plugin, merged);
    const changed = Object.keys(input.fields).filter((key) => JSON.stringify(locked.row.fields[key]) !== JSON.stringify(fields[key]));
    return this.changes.apply(ctx, locked, {
      action: 'UPDATE_FIELDS',
      set: { fields: JSON.stringify(fields) },
      changes: {
        fields: Object.fromEntries(changed.map((key) => [key, { from: locked.row.fields[key] ?? null, to: fields[key] ?? null }])),
        note,
      },
    });
  }

  /** Records that an employee refused to receive the complaint; the governing plugin may charge them for it. */
  async recordRefusal(ctx: RequestContext, input: In.RecordRefusalToReceiveInput): Promise<ChangeResult> {
    const { note } = validateInput(In.RecordRefusalToReceiveInput.schema, input);
    const employeeId = requireGlobalId(input.employeeId, 'User', 'employeeId');
    const locked = await this.changes.lock(ctx, input, 'RECORD_REFUSAL');
    if (!(await tenantMember(ctx.db, locked.viewer.tenantId, employeeId))) {
      throw new UserFailure(UserErrorCode.NOT_FOUND, 'No member with this id', 'employeeId');
    }
    const { charged } = await chargePenalties(
      ctx.db,
      locked.row,
      locked.plugin,
      { kind: 'REFUSAL_TO_RECEIVE', complaint: toComplaintView(locked.row) },
      { handler: null, responsiblePerson: null, receivingEmployee: employeeId },
    );
    return this.changes.apply(ctx, locked, {
      action: 'RECORD_REFUSAL',
      changes: { employeeId, note, penalties: charged.map((penalty) => penalty.id) },
      decidedByPlugin: true,
    });
  }
}
