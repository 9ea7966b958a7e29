import type { DataSource } from 'typeorm';
import { RequestContext } from '../context/request-context';
import type { Viewer } from '../context/viewer';
import { inScopedTransaction, TenantTransaction } from '../db/tenant-transaction';
import { DeadlineTimers } from '../deadlines/deadline-timers';
import { FollowUpTimers } from '../follow-ups/follow-up-timers';
import type { Logger } from '../logging/logger';
import type { Services } from '../services';
import type { Clock } from '../time/clock';
import type { DemoTimeline } from './demo-timeline';

/** A member of a demo tenant, as the seed acts for them. */
export interface DemoMember {
  local: string;
  email: string;
  userId: string;
  roles: string[];
  departmentId: string | null;
}

interface DueTimer {
  id: string;
  kind: 'remind' | 'breach' | 'follow-up';
  at: Date;
}

/**
 * Runs the demo steps of one tenant through the services, each in its own transaction on the
 * timeline's clock set to the step's instant, as the member taking it. Before each step the
 * stage-clock and follow-up timers that fell due meanwhile fire at their own instants, through
 * the same timer code the job queue runs, so breaches, escalations and penalties land in the
 * history where the platform would have put them.
 */
export class DemoDesk {
  private readonly deadlines: DeadlineTimers;
  private readonly followUps: FollowUpTimers;

  constructor(
    private readonly dataSource: DataSource,
    readonly services: Services,
    readonly timeline: DemoTimeline,
    readonly tenantId: string,
    readonly members: DemoMember[],
    private readonly logger: Logger,
  ) {
    this.deadlines = new DeadlineTimers(dataSource, timeline.clock, services.plugins);
    this.followUps = new FollowUpTimers(dataSource, timeline.clock);
  }

  member(local: string): DemoMember {
    const found = this.members.find((m) => m.local === local);
    if (!found) throw new Error(`No demo member ${local}`);
    return found;
  }

  /** The first member holding `role`. */
  holderOf(role: string): DemoMember {
    const found = this.members.find((m) => m.roles.includes(role));
    if (!found) throw new Error(`No demo member holds the role ${role}`);
    return found;
  }

  /** Runs `work` as `member` at `instant`, in one committed transaction, as a GraphQL operation would. */
  async as<T>(member: DemoMember, instant: Date, work: (ctx: RequestContext) => Promise<T>): Promise<T> {
    await this.catchUp(instant);
    this.timeline.set(instant);
    const viewer: Viewer = {
      userId: member.userId,
      tenantId: this.tenantId,
      roles: new Set(member.roles),
      departmentId: member.departmentId,
      isPlatformAdmin: false,
      apiKeyId: null,
      session: null,
    };
    const tx = new TenantTransaction(this.dataSource, this.timeline.clock, { tenantId: this.tenantId, userId: member.userId });
    const ctx = new RequestContext(this.dataSource, this.services, 'demo-seed', this.logger, viewer, null, null, tx);
    try {
      const result = await work(ctx);
      await tx.finish(true);
      return result;
    } catch (error) {
      await tx.finish(false);
      throw error;
    }
  }

  /** Runs `work` without an account (the public form, the complainant's survey) at `instant`. */
  async anonymously<T>(instant: Date, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    await this.catchUp(instant);
    this.timeline.set(instant);
    return inScopedTransaction(this.dataSource, this.timeline.clock, { tenantId: null, userId: null }, work);
  }

  /** A read in the tenant's scope (no change). */
  read<T>(work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    return inScopedTransaction(this.dataSource, this.timeline.clock, { tenantId: this.tenantId, userId: null }, work);
  }

  /** Fires, in order and each at its own instant, the timers of this tenant due by `until`. */
  async catchUp(until: Date): Promise<void> {
    const due = await this.read((tx) =>
      tx.query<DueTimer>(
        `SELECT id, 'breach' AS kind, due_at AS at FROM complaint_deadlines
          WHERE breached_at IS NULL AND met_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL AND due_at <= $1
         UNION ALL
         SELECT id, 'remind', remind_at FROM complaint_deadlines
          WHERE reminded_at IS NULL AND breached_at IS NULL AND met_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL
            AND remind_at <= $1
         UNION ALL
         SELECT id, 'follow-up', due_at FROM follow_up_tasks
          WHERE overdue_at IS NULL AND done_at IS NULL AND cancelled_at IS NULL AND due_at <= $1
         ORDER BY at, kind DESC`,
        [until],
      ),
    );
    for (const timer of due) {
      this.timeline.set(new Date(new Date(timer.at).getTime() + 1000));
      const job = { tenantId: this.tenantId };
      if (timer.kind === 'remind') await this.deadlines.remind({ ...job, deadlineId: timer.id });
      else if (timer.kind === 'breach') await this.deadlines.breach({ ...job, deadlineId: timer.id });
      else await this.followUps.overdue({ ...job, taskId: timer.id });
    }
  }

  /**
   * Queue jobs added in the past were placed by that past clock; once the history is written
   * they are placed again on the server's clock (the scheduling functions move a job by its key),
   * so the clocks and follow-ups still running fall due on the server when they are due.
   */
  async rescheduleOn(serverClock: Clock): Promise<void> {
    await inScopedTransaction(this.dataSource, serverClock, { tenantId: this.tenantId, userId: null }, async (tx) => {
      const running = await tx.query<{ id: string }>(
        `SELECT id FROM complaint_deadlines
          WHERE breached_at IS NULL AND met_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL`,
      );
      if (running.length) await tx.query('SELECT schedule_deadline_jobs($1::uuid[])', [running.map((row) => row.id)]);
      const open = await tx.query<{ id: string }>(
        'SELECT id FROM follow_up_tasks WHERE overdue_at IS NULL AND done_at IS NULL AND cancelled_at IS NULL',
      );
      for (const task of open) await tx.query('SELECT schedule_follow_up_job($1)', [task.id]);
    });
  }
}
