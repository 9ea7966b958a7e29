import type { Channel } from '@redress/plugin-api';
import type { RequestContext } from '../context/request-context';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { IdRow } from '../db/common-rows';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { requireGlobalId, validateInput } from '../graphql/validate';
import { validateIntakeFields } from '../plugins/intake-fields';
import type { PluginHost } from '../plugins/plugin-host';
import type { ComplaintRow, RespondentValue } from './complaint-rows';
import { newTrackingCode } from './tracking-code';
import type { ChangeResult } from './complaint-lifecycle.service';
import { planClocks } from './complaint-journal';
import { insertFiledComplaint, readForIntake } from './complaint-filing';
import { complaintFactsOf, notifyComplaintEvent } from '../notifications/complaint-notifications';
import { FileComplaintInput, SubmitComplaintInput } from './complaint.inputs';
import { toComplaintView } from './complaint-view';
import { escalateToMajor } from './major-escalation';
import { tenantMember } from './tenant-members';
import type { z } from 'zod';
import type { FileSettings } from '../config/config';
import type { Uploader } from '../files/staged-uploads';
import { attachUploads } from './evidence-attach';

type Intake = z.output<typeof FileComplaintInput.schema>;

interface NewComplaint {
  tenantId: string;
  /** Who staged the files given as `uploads`, and whose evidence they are. */
  evidenceFrom: { uploader: Uploader; source: 'COMPLAINANT' | 'STAFF' };
  actor: { userId: string | null; apiKeyId: string | null } | null;
  channel: Channel;
  receivedAt: Date;
  respondent: RespondentValue | null;
  categoryCode: string | null;
  intake: Omit<Intake, 'channel' | 'receivedAt' | 'respondent' | 'categoryCode'>;
  /** The language of the request, for the complainant's messages when they name none. */
  requestedLocale: string | null;
}

/**
 * Intake: staff record complaints from any channel (first-receiver responsibility), and
 * complainants file their own through the public form. Both recognise returning customers
 * and assets, number the complaint, let the plugin assess it and start its first clocks.
 */
export class ComplaintIntakeService {
  constructor(
    private readonly plugins: PluginHost,
    private readonly fileLimits: Pick<FileSettings, 'perComplaint' | 'perTenantMaxBytes'>,
  ) {}

  async file(ctx: RequestContext, input: FileComplaintInput): Promise<ChangeResult> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(FileComplaintInput.schema, input);
    const now = ctx.db.clock.now();
    // A minute's grace for a client whose clock runs slightly ahead.
    if (data.receivedAt && data.receivedAt.getTime() > now.getTime() + 60_000) {
      throw new UserFailure(UserErrorCode.INVALID_INPUT, 'May not lie in the future', 'receivedAt');
    }
    let respondent: RespondentValue | null = null;
    if (data.respondent) {
      const departmentId = data.respondent.departmentId
        ? requireGlobalId(data.respondent.departmentId, 'Department', 'respondent.departmentId')
        : null;
      const userId = data.respondent.userId ? requireGlobalId(data.respondent.userId, 'User', 'respondent.userId') : null;
      if (departmentId && !(await ctx.loaders.departmentById.load(departmentId))) {
        throw new UserFailure(UserErrorCode.NOT_FOUND, 'No department with this id', 'respondent.departmentId');
      }
      if (userId && !(await tenantMember(ctx.db, viewer.tenantId, userId))) {
        throw new UserFailure(UserErrorCode.NOT_FOUND, 'No member with this id', 'respondent.userId');
      }
      respondent = { kind: data.respondent.kind, name: data.respondent.name, departmentId, userId };
    }
    return this.create(ctx.db, {
      tenantId: viewer.tenantId,
      evidenceFrom: { uploader: { kind: 'STAFF', userId: viewer.userId, apiKeyId: viewer.apiKeyId }, source: 'STAFF' },
      actor: { userId: viewer.userId, apiKeyId: viewer.apiKeyId },
      channel: data.channel,
      receivedAt: data.receivedAt ?? now,
      respondent,
      categoryCode: data.categoryCode ?? null,
      intake: data,
      requestedLocale: ctx.requestedLocale,
    });
  }

  /**
   * The public form: no account; the tenant is named by its slug. Runs on the operation's
   * transaction `tx`, scoped to that tenant for the filing: one connection per operation.
   */
  async submit(tx: TenantTransaction, input: SubmitComplaintInput, requestedLocale: string | null = null): Promise<string> {
    const data = validateInput(SubmitComplaintInput.schema, input);
    const [tenant] = await tx.lookup<IdRow>('SELECT id FROM auth_tenant_by_slug($1)', [data.tenantSlug]);
    if (!tenant) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No organization with this name', 'tenantSlug');
    return tx.inScope({ tenantId: tenant.id, userId: null }, async (tx) => {
      const { row } = await this.create(tx, {
        tenantId: tenant.id,
        // Files staged on the public form for a complaint not yet filed (no tracking code).
        evidenceFrom: { uploader: { kind: 'PUBLIC', complaintId: null }, source: 'COMPLAINANT' },
        actor: null,
        channel: 'WEB',
        receivedAt: tx.clock.now(),
        respondent: data.respondentName ? { kind: 'STORE', name: data.respondentName, departmentId: null, userId: null } : null,
        categoryCode: null,
        intake: data,
        requestedLocale,
      });
      return row.trackingCode;
    });
  }

  /**
   * Everything before the complaint's own statement is read or decided first (tenant,
   * plugin, calendar, complainant, asset, assessment, clocks), so the tenant counter's row,
   * on which concurrent filings of the tenant queue, is locked only from that statement on.
   */
  private async create(tx: TenantTransaction, input: NewComplaint): Promise<ChangeResult> {
    const { intake, tenantId } = input;
    const { tenant, customerId, history } = await readForIntake(tx, this.plugins, tenantId, intake.complainant, input.receivedAt);
    const { plugin } = tenant;
    if (input.categoryCode && !plugin.category(input.categoryCode)) {
      throw new UserFailure(UserErrorCode.INVALID_INPUT, 'Not a category of the governing plugin', 'categoryCode');
    }
    const fields = validateIntakeFields(plugin.plugin, intake.fields);
    const assetId = intake.asset ? await this.recogniseAsset(tx, tenantId, customerId, intake.asset) : null;
    const draft = {
      tenantId,
      channel: input.channel,
      status: 'RECEIVED',
      demands: intake.demands,
      description: intake.description,
      categoryCode: input.categoryCode,
      priority: 'NORMAL',
      major: false,
      receivedAt: input.receivedAt,
      closedAt: null,
      clockPausedAt: null,
      fields,
    } as ComplaintRow;
    const assessment = plugin.decide('assess', toComplaintView(draft, history));
    const assessed = { ...draft, priority: assessment.priority, major: assessment.major };
    // Just filed: assigned to no department yet; counted on the calendar read with the tenant.
    const clocks = await planClocks(tx, assessed, plugin, 'RECEIVED', input.receivedAt, 0, tenant.calendar);
    const filed = await insertFiledComplaint(
      tx,
      tenantId,
      plugin,
      {
        trackingCode: newTrackingCode(),
        channel: input.channel,
        receivedAt: input.receivedAt,
        receivedBy: input.actor?.userId ?? null,
        description: intake.description,
        demands: intake.demands,
        respondent: input.respondent,
        customerId,
        assetId,
        categoryCode: input.categoryCode,
        priority: assessment.priority,
        major: assessment.major,
        fields,
        // The address is kept for messages only with the complainant's consent.
        notifyEmail: intake.complainant.notifyByEmail ? intake.complainant.email : null,
        notifyLocale: intake.complainant.notifyByEmail ? (intake.complainant.locale ?? input.requestedLocale) : null,
      },
      { items: intake.evidence, source: input.evidenceFrom.source },
      {
        actor: input.actor,
        changes: { channel: input.channel, priority: assessment.priority, major: assessment.major, repeatOfRecent: history.recent },
      },
      clocks,
    );
    const { row, event } = filed;
    // The complaint's own evidence, as the complainant gave it (staff intake records it for them): not internal.
    await attachUploads(tx, row, intake.uploads, { ...input.evidenceFrom, internal: false, limits: this.fileLimits });
    // Whom the event concerns is told in the same transaction, from the row just written.
    await notifyComplaintEvent(tx, event, { facts: complaintFactsOf(row, tenant), webhookEvents: filed.webhookEvents });
    // Major from intake: the plugin's escalation rule tells its people at once, as any other path would.
    const escalated = row.major ? await escalateToMajor(tx, row, plugin, { actor: input.actor, trigger: 'INTAKE', reason: null }) : null;
    return { row: escalated?.row ?? row, event };
  }

  private async recogniseAsset(
    tx: TenantTransaction,
    tenantId: string,
    customerId: string,
    asset: NonNullable<Intake['asset']>,
  ): Promise<string> {
    if (asset.serialNumber) {
      const [known] = await tx.query<IdRow>('SELECT id FROM assets WHERE serial_number = $1', [asset.serialNumber]);
      if (known) return known.id;
    }
    let parentId: string | null = null;
    if (asset.parentId) {
      parentId = requireGlobalId(asset.parentId, 'Asset', 'asset.parentId');
      const [parent] = await tx.query<IdRow>('SELECT id FROM assets WHERE id = $1', [parentId]);
      if (!parent) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No asset with this id', 'asset.parentId');
    }
    // As for customers: an asset first named by two complaints at once is created once.
    const [created] = await tx.query<IdRow>(
      `INSERT INTO assets (tenant_id, name, serial_number, model, owner_customer_id, warranty_ends_on, parent_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, serial_number) WHERE serial_number IS NOT NULL DO NOTHING RETURNING id`,
      [tenantId, asset.name, asset.serialNumber, asset.model, customerId, asset.warrantyEndsOn, parentId],
    );
    if (created) return created.id;
    const [taken] = await tx.query<IdRow>('SELECT id FROM assets WHERE serial_number = $1', [asset.serialNumber]);
    return taken.id;
  }
}
