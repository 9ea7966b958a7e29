import type { RequestContext } from '../context/request-context';
import { validateInput } from '../graphql/validate';
import type { ChangeResult, ComplaintChanges } from '../complaints/complaint-changes';
import * as In from '../complaints/complaint.inputs';

/**
 * Pausing the stage clocks while a complaint waits on the complainant, and resuming them:
 * paused time does not count, so each clock's due time (and reminder) moves on by as long
 * as that clock was paused, and its timers are scheduled anew.
 */
export class ClockService {
  constructor(private readonly changes: ComplaintChanges) {}

  async pause(ctx: RequestContext, input: In.PauseClockInput): Promise<ChangeResult> {
    const { reason } = validateInput(In.PauseClockInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'PAUSE_CLOCK');
    const paused = await ctx.db.query(
      `UPDATE complaint_deadlines SET paused_at = app_now()
        WHERE complaint_id = $1 AND met_at IS NULL AND cancelled_at IS NULL AND breached_at IS NULL AND paused_at IS NULL
        RETURNING stage`,
      [locked.row.id],
    );
    return this.changes.apply(ctx, locked, {
      action: 'PAUSE_CLOCK',
      set: { clock_paused_at: ctx.db.clock.now() },
      changes: { reason, stages: paused.map((row) => row.stage) },
    });
  }

  async resume(ctx: RequestContext, input: In.ResumeClockInput): Promise<ChangeResult> {
    const { note } = validateInput(In.ResumeClockInput.schema, input);
    const locked = await this.changes.lock(ctx, input, 'RESUME_CLOCK');
    const moved = await ctx.db.query<{ id: string; stage: string; due_at: Date; paused_seconds: number }>(
      `WITH resumed AS (
         SELECT id, app_now() - paused_at AS paused_for FROM complaint_deadlines
          WHERE complaint_id = $1 AND paused_at IS NOT NULL AND met_at IS NULL AND cancelled_at IS NULL
       )
       UPDATE complaint_deadlines d
          SET due_at = d.due_at + r.paused_for, remind_at = d.remind_at + r.paused_for, paused_at = NULL
         FROM resumed r WHERE d.id = r.id
       RETURNING d.id, d.stage, d.due_at, extract(epoch FROM r.paused_for)::float8 AS paused_seconds`,
      [locked.row.id],
    );
    if (moved.length) await ctx.db.query('SELECT schedule_deadline_jobs($1::uuid[])', [moved.map((deadline) => deadline.id)]);
    return this.changes.apply(ctx, locked, {
      action: 'RESUME_CLOCK',
      set: { clock_paused_at: null },
      changes: {
        note,
        // The lock refused a resume without a pause (the step needs the clocks paused).
        pausedSeconds: Math.round((ctx.db.clock.now().getTime() - locked.row.clockPausedAt!.getTime()) / 1000),
        dueAt: Object.fromEntries(moved.map((deadline) => [deadline.stage, new Date(deadline.due_at).toISOString()])),
      },
    });
  }
}
