import type { RequestContext } from '../context/request-context';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { requireGlobalId, validateInput } from '../graphql/validate';
import type { ComplaintChanges, ChangeResult } from './complaint-changes';
import { cancelOpenFollowUps, planFollowUps } from '../follow-ups/follow-up-plan';
import { recordSatisfaction } from '../surveys/satisfaction-answers';
import { chargePenalties, penaltySubjects } from '../penalties/penalty-ledger';
import { recordWarnings } from '../warnings/warning-record-writer';
import { findRepeatComplaints, linkRepeats } from '../repeats/repeat-detection';
import { camelRow, type ResolutionRow } from './complaint-rows';
import * as In from './complaint.inputs';
import { complainantHistory, toComplaintView } from './complaint-view';
import { highestPriority, leadsTo } from './lifecycle';
import type { DecidedStepRow, IdRow, PendingCountRow, PendingStepRow, ResolutionTableRow } from './lifecycle-rows';
import { escalateToMajor } from './major-escalation';
import { tenantMember } from './tenant-members';

export type { ChangeResult } from './complaint-changes';

/**
 * The lifecycle mutations (domain §1), each a step of the state machine applied through
 * ComplaintChanges: where a step leads, and which clocks it starts, meets or ends, is the
 * table's (lifecycle.ts); a service gives the step its facts. Anything refused changes nothing.
 */
export class ComplaintLifecycleService {
  constructor(private readonly changes: ComplaintChanges) {}

  async acknowledge(ctx: RequestContext, input: In.AcknowledgeComplaintInput): Promise<ChangeResult> {
    const locked = await this.changes.lock(ctx, input, 'ACKNOWLEDGE');
    return this.changes.apply(ctx, locked, {
      action: 'ACKNOWLEDGE',
      set: { acknowledged_at: ctx.db.clock.now() },
    });
  }

  async assess(ctx: RequestContext, input: In.AssessComplaintInput): Promise<ChangeResult> {
    const data = validateInput(In.AssessComplaintInput.schema, input);
    if (data.decision === 'REJECT') {
      const locked = await this.changes.lock(ctx, input, 'REJECT');
      const reason = data.rejectionReason ? locked.plugin.rejectionReason(data.rejectionReason) : null;
      if (!reason) {
        throw new UserFailure(UserErrorCode.INVALID_INPUT, "Give one of the plugin's rejection reasons", 'rejectionReason');
      }
      return this.changes.apply(ctx, locked, {
        action: 'REJECT',
        set: { rejection_reason: reason.code, rejection_note: data.note, closed_at: ctx.db.clock.now() },
        changes: { rejectionReason: reason.code, note: data.note },
        decidedByPlugin: true,
      });
    }
    const locked = await this.changes.lock(ctx, input, 'ACCEPT');
    if (!data.categoryCode || !locked.plugin.category(data.categoryCode)) {
      throw new UserFailure(UserErrorCode.INVALID_INPUT, 'Give a category of the governing plugin', 'categoryCode');
    }
    const history = await complainantHistory(ctx.db, locked.row.customerId, locked.row.receivedAt, locked.row.id);
    const view = toComplaintView({ ...locked.row, categoryCode: data.categoryCode }, history);
    const assessment = locked.plugin.decide('assess', view);
    const major = data.major ?? assessment.major;
    // Repeats of earlier complaints are linked and may raise the priority, unless it is given.
    const repeats = await findRepeatComplaints(ctx.db, locked.row, view, locked.plugin);
    const assessed = highestPriority([major ? 'URGENT' : assessment.priority, repeats.raisePriorityTo]);
    const priority = data.priority ?? assessed;
    const departmentCode = locked.plugin.decide('route', { ...view, major, priority });
    const [department] = departmentCode
      ? await ctx.db.query<IdRow>('SELECT id FROM departments WHERE tenant_id = $1 AND code = $2', [locked.viewer.tenantId, departmentCode])
      : [];
    const result = await this.changes.apply(ctx, locked, {
      action: 'ACCEPT',
      set: { category_code: data.categoryCode, priority, major, department_id: department?.id ?? locked.row.departmentId },
      changes: {
        categoryCode: data.categoryCode,
        priority,
        major,
        routedTo: departmentCode,
        note: data.note,
        repeats: repeats.links.map((link) => link.complaintId),
      },
      decidedByPlugin: true,
    });
    await linkRepeats(ctx.db, result.row, repeats, locked.plugin.decidedBy);
    // Major by assessment (the plugin's or the assessor's word): the escalation rule applies, once.
    const escalated = major
      ? await escalateToMajor(ctx.db, result.row, locked.plugin, { actor: locked.actor, trigger: 'ASSESSMENT', reason: data.note ?? null })
      : null;
    return escalated ? { row: escalated.row, event: result.event } : result;
  }

  async assign(ctx: RequestContext, input: In.AssignComplaintInput): Promise<ChangeResult> {
    const { note } = validateInput(In.AssignComplaintInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'ASSIGN');
    const { tenantId } = locked.viewer;
    if (!input.departmentId && !input.ownerId) {
      throw new UserFailure(UserErrorCode.INVALID_INPUT, 'Name a department, a person or both', 'departmentId');
    }
    let departmentId = locked.row.departmentId;
    if (input.departmentId) {
      departmentId = requireGlobalId(input.departmentId, 'Department', 'departmentId');
      if (!(await ctx.loaders.departmentById.load(departmentId))) {
        throw new UserFailure(UserErrorCode.NOT_FOUND, 'No department with this id', 'departmentId');
      }
    }
    let ownerId = locked.row.ownerId;
    if (input.ownerId) {
      ownerId = requireGlobalId(input.ownerId, 'User', 'ownerId');
      const member = await tenantMember(ctx.db, tenantId, ownerId);
      if (!member) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No member with this id', 'ownerId');
      if (!input.departmentId && member.departmentId) departmentId = member.departmentId;
    }
    return this.changes.apply(ctx, locked, {
      action: 'ASSIGN',
      set: { department_id: departmentId, owner_id: ownerId },
      changes: {
        departmentId: { from: locked.row.departmentId, to: departmentId },
        ownerId: { from: locked.row.ownerId, to: ownerId },
        note,
      },
    });
  }

  async recordInvestigation(ctx: RequestContext, input: In.RecordInvestigationInput): Promise<ChangeResult> {
    const data = validateInput(In.RecordInvestigationInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'RECORD_INVESTIGATION');
    let responsibleUserId: string | null = null;
    if (data.responsibleUserId) {
      responsibleUserId = requireGlobalId(data.responsibleUserId, 'User', 'responsibleUserId');
      if (!(await tenantMember(ctx.db, locked.viewer.tenantId, responsibleUserId))) {
        throw new UserFailure(UserErrorCode.NOT_FOUND, 'No member with this id', 'responsibleUserId');
      }
    }
    await ctx.db.query(
      `INSERT INTO complaint_investigations (complaint_id, tenant_id, cause, course, responsible_person, responsible_user_id,
         conclusion, countermeasures, prevention, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (tenant_id, complaint_id) DO UPDATE SET cause = $3, course = $4, responsible_person = $5, responsible_user_id = $6,
         conclusion = $7, countermeasures = $8, prevention = $9, recorded_by = $10, updated_at = app_now()`,
      [
        locked.row.id,
        locked.viewer.tenantId,
        data.cause,
        data.course,
        data.responsiblePerson,
        responsibleUserId,
        data.conclusion,
        data.countermeasures,
        data.prevention,
        locked.viewer.userId,
      ],
    );
    return this.changes.apply(ctx, locked, {
      action: 'RECORD_INVESTIGATION',
      changes: { conclusion: data.conclusion, responsiblePerson: data.responsiblePerson, responsibleUserId },
    });
  }

  async proposeResolution(ctx: RequestContext, input: In.ProposeResolutionInput): Promise<ChangeResult> {
    const data = validateInput(In.ProposeResolutionInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'PROPOSE_RESOLUTION');
    const [investigation] = await ctx.db.query<{ found: number }>(
      'SELECT 1 AS found FROM complaint_investigations WHERE complaint_id = $1',
      [locked.row.id],
    );
    if (!investigation) {
      throw new UserFailure(UserErrorCode.ILLEGAL_TRANSITION, 'Record the investigation before proposing a resolution');
    }
    const chain = locked.plugin.decide('approvalChain', {
      complaint: toComplaintView(locked.row),
      resolution: { kind: data.kind, amount: data.amount, currency: data.currency },
    });
    const [resolution] = await ctx.db.query<IdRow>(
      `INSERT INTO complaint_resolutions (tenant_id, complaint_id, kind, amount, currency, description, status, proposed_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        locked.viewer.tenantId,
        locked.row.id,
        data.kind,
        data.amount,
        data.currency,
        data.description,
        chain.length ? 'PENDING' : 'APPROVED',
        locked.viewer.userId,
      ],
    );
    for (const [index, step] of chain.entries()) {
      await ctx.db.query(
        `INSERT INTO approval_steps (tenant_id, complaint_id, resolution_id, position, role, label) VALUES ($1, $2, $3, $4, $5, $6)`,
        [locked.viewer.tenantId, locked.row.id, resolution.id, index + 1, step.role, JSON.stringify(step.label)],
      );
    }
    return this.changes.apply(ctx, locked, {
      action: 'PROPOSE_RESOLUTION',
      facts: { approvalSteps: chain.length },
      changes: { kind: data.kind, amount: data.amount, currency: data.currency, approvalChain: chain.map((s) => s.role) },
      decidedByPlugin: true,
    });
  }

  async decideApproval(ctx: RequestContext, input: In.DecideApprovalInput): Promise<ChangeResult> {
    const data = validateInput(In.DecideApprovalInput.schema, input);
    let pendingStep: PendingStepRow | undefined;
    const locked = await this.changes.lock(ctx, input, 'DECIDE_APPROVAL', async (row) => {
      [pendingStep] = await ctx.db.query<PendingStepRow>(
        `SELECT s.id, s.role FROM approval_steps s JOIN complaint_resolutions r ON r.tenant_id = s.tenant_id AND r.id = s.resolution_id
          WHERE r.complaint_id = $1 AND r.status = 'PENDING' AND s.decision IS NULL ORDER BY s.position LIMIT 1`,
        [row.id],
      );
      return pendingStep?.role;
    });
    // One decision per step: the row is only updated while it is undecided.
    const [step] = await ctx.db.query<DecidedStepRow>(
      `UPDATE approval_steps SET decision = $2, comment = $3, decided_by = $4, decided_at = app_now()
        WHERE id = $1 AND decision IS NULL RETURNING id, position, role, resolution_id`,
      [pendingStep!.id, data.decision, data.comment, locked.viewer.userId],
    );
    const [{ pending }] = await ctx.db.query<PendingCountRow>(
      'SELECT count(*)::int AS pending FROM approval_steps WHERE resolution_id = $1 AND decision IS NULL',
      [step.resolution_id],
    );
    const facts = { decision: data.decision, stepsStillPending: pending };
    const to = leadsTo('DECIDE_APPROVAL', locked.row.status, facts);
    const resolutionStatus =
      data.decision === 'REJECT' ? 'REJECTED' : data.decision === 'SEND_BACK' ? 'SENT_BACK' : to === 'APPROVED' ? 'APPROVED' : 'PENDING';
    await ctx.db.query('UPDATE complaint_resolutions SET status = $2 WHERE id = $1', [step.resolution_id, resolutionStatus]);
    return this.changes.apply(ctx, locked, {
      action: 'DECIDE_APPROVAL',
      facts,
      changes: { step: step.position, role: step.role, decision: data.decision, comment: data.comment },
    });
  }

  async markExecuted(ctx: RequestContext, input: In.MarkResolutionExecutedInput): Promise<ChangeResult> {
    const { note } = validateInput(In.MarkResolutionExecutedInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'MARK_EXECUTED');
    const [resolution] = await ctx.db.query<ResolutionTableRow>(
      `UPDATE complaint_resolutions SET executed_at = app_now(), executed_by = $2
        WHERE id = (SELECT id FROM complaint_resolutions WHERE complaint_id = $1 AND status = 'APPROVED'
                     ORDER BY created_at DESC LIMIT 1)
        RETURNING *`,
      [locked.row.id, locked.viewer.userId],
    );
    const result = await this.changes.apply(ctx, locked, {
      action: 'MARK_EXECUTED',
      changes: { resolutionKind: camelRow<ResolutionRow>(resolution).kind, note },
    });
    await planFollowUps(ctx.db, result.row, locked.plugin, new Date(resolution.executed_at!));
    return result;
  }

  async respond(ctx: RequestContext, input: In.RespondToComplainantInput): Promise<ChangeResult> {
    const data = validateInput(In.RespondToComplainantInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'RESPOND');
    await ctx.db.query(
      `INSERT INTO complaint_responses (tenant_id, complaint_id, channel, message, customer_reaction, responded_by)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [locked.viewer.tenantId, locked.row.id, data.channel, data.message, data.customerReaction, locked.viewer.userId],
    );
    return this.changes.apply(ctx, locked, {
      action: 'RESPOND',
      changes: { channel: data.channel, customerReaction: data.customerReaction },
    });
  }

  async recordFollowUp(ctx: RequestContext, input: In.RecordFollowUpInput): Promise<ChangeResult> {
    const data = validateInput(In.RecordFollowUpInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'RECORD_FOLLOW_UP');
    return recordSatisfaction(ctx, this.changes, locked, { scores: data.scores, comment: data.comment, answeredBy: 'STAFF' });
  }

  async close(ctx: RequestContext, input: In.CloseComplaintInput): Promise<ChangeResult> {
    const data = validateInput(In.CloseComplaintInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'CLOSE');
    const result = await this.changes.apply(ctx, locked, {
      action: 'CLOSE',
      set: { closing_summary: data.summary, loss_amount: data.lossAmount, loss_currency: data.lossCurrency, closed_at: ctx.db.clock.now() },
      changes: { lossAmount: data.lossAmount, lossCurrency: data.lossCurrency },
    });
    await cancelOpenFollowUps(ctx.db, result.row.id);
    if (data.lossAmount && data.lossAmount > 0 && data.lossCurrency) {
      // The loss is charged in proportion to the responsible person and the department head.
      await chargePenalties(
        ctx.db,
        result.row,
        locked.plugin,
        { kind: 'LOSS_AT_CLOSE', complaint: toComplaintView(result.row), lossAmount: data.lossAmount, currency: data.lossCurrency },
        await penaltySubjects(ctx.db, result.row),
      );
    }
    await recordWarnings(ctx.db, result.row, result.row.closedAt!);
    return result;
  }

  async reopen(ctx: RequestContext, input: In.ReopenComplaintInput): Promise<ChangeResult> {
    const { reason } = validateInput(In.ReopenComplaintInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'REOPEN');
    const result = await this.changes.apply(ctx, locked, {
      action: 'REOPEN',
      facts: { hasOwner: locked.row.ownerId !== null },
      set: { closed_at: null, rejection_reason: null, rejection_note: null },
      changes: { reason },
    });
    await cancelOpenFollowUps(ctx.db, result.row.id);
    return result;
  }

  async escalate(ctx: RequestContext, input: In.EscalateComplaintInput): Promise<ChangeResult> {
    const { reason } = validateInput(In.EscalateComplaintInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'ESCALATE');
    // Refused only once the escalation rule was applied: a complaint marked major by a path that
    // did not apply it (or before every path did) can still have its people told.
    const escalated = await escalateToMajor(ctx.db, locked.row, locked.plugin, { actor: locked.actor, trigger: 'HAND', reason });
    if (!escalated) throw new UserFailure(UserErrorCode.ILLEGAL_TRANSITION, 'The complaint is already on the major-complaint path');
    return escalated;
  }

  async withdraw(ctx: RequestContext, input: In.WithdrawComplaintInput): Promise<ChangeResult> {
    const { reason } = validateInput(In.WithdrawComplaintInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'WITHDRAW');
    const result = await this.changes.apply(ctx, locked, {
      action: 'WITHDRAW',
      set: { closed_at: ctx.db.clock.now() },
      changes: { reason },
    });
    await cancelOpenFollowUps(ctx.db, result.row.id);
    return result;
  }

  async addNote(ctx: RequestContext, input: In.AddNoteInput): Promise<ChangeResult> {
    const { body } = validateInput(In.AddNoteInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'ADD_NOTE');
    await ctx.db.query(`INSERT INTO complaint_notes (tenant_id, complaint_id, body, author_id) VALUES ($1, $2, $3, $4)`, [
      locked.viewer.tenantId,
      locked.row.id,
      body,
      locked.viewer.userId,
    ]);
    return this.changes.apply(ctx, locked, { action: 'ADD_NOTE', changes: { length: body.length } });
  }
}
