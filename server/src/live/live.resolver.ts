import { Arg, Authorized, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { ComplaintFilter } from '../complaints/complaint.inputs';
import { PublicComplaintStatus } from '../complaints/complaint.types';
import type { LiveDelivery } from './live-stream';
import { ApprovalRequest, ComplaintChange, DeadlineAlert, MonthlyReportPublication } from './live.types';

/** What graphql-ws hands `subscribe`: the arguments, already checked against the field's. */
type Subscribe<Args = Record<string, never>> = { args: Args; context: RequestContext };

/**
 * Live updates over graphql-ws. `subscribe` opens the stream (checking the arguments once);
 * each delivery arrives here already authorized, with its own fresh context.
 */
@Resolver()
export class LiveResolver {
  @Authorized()
  @Subscription(() => ComplaintChange, {
    description: 'Every change of a complaint the viewer may see (and that matches the filter when one is given)',
    subscribe: ({ args, context }: Subscribe<{ filter?: ComplaintFilter | null }>) =>
      context.services.live.complaintChanged(context, args.filter ?? null),
  })
  complaintChanged(
    @Root() delivery: LiveDelivery<ComplaintChange>,
    @Arg('filter', () => ComplaintFilter, { nullable: true }) _filter: ComplaintFilter | null,
  ): ComplaintChange {
    return delivery.unwrap();
  }

  @Authorized()
  @Subscription(() => ComplaintChange, {
    description: 'The timeline of one complaint, live: each new event with the complaint as it is now',
    subscribe: ({ args, context }: Subscribe<{ complaintId: string }>) => context.services.live.complaintEvents(context, args.complaintId),
  })
  complaintEvents(@Root() delivery: LiveDelivery<ComplaintChange>, @Arg('complaintId', () => ID) _complaintId: string): ComplaintChange {
    return delivery.unwrap();
  }

  @Authorized()
  @Subscription(() => DeadlineAlert, {
    description: 'Deadlines about to fall due and breaches, on the complaints the viewer may see',
    subscribe: ({ context }: Subscribe) => context.services.live.deadlineAlerts(context),
  })
  deadlineAlerts(@Root() delivery: LiveDelivery<DeadlineAlert>): DeadlineAlert {
    return delivery.unwrap();
  }

  @Authorized()
  @Subscription(() => ApprovalRequest, {
    description: "Approval steps that start waiting on one of the viewer's roles",
    subscribe: ({ context }: Subscribe) => context.services.live.approvalRequested(context),
  })
  approvalRequested(@Root() delivery: LiveDelivery<ApprovalRequest>): ApprovalRequest {
    return delivery.unwrap();
  }

  @Authorized()
  @Subscription(() => MonthlyReportPublication, {
    description:
      'Monthly reports as they are made, on schedule or by a member, that the viewer may open (e.g. those addressed to their role)',
    subscribe: ({ context }: Subscribe) => context.services.live.monthlyReportPublished(context),
  })
  monthlyReportPublished(@Root() delivery: LiveDelivery<MonthlyReportPublication>): MonthlyReportPublication {
    return delivery.unwrap();
  }

  @Subscription(() => PublicComplaintStatus, {
    description:
      "A complainant's public view of their complaint, sent whenever it changes; no account needed " +
      '(connect with `connectionParams: { tenantSlug, trackingCode }`). NOT_FOUND for an unknown organization or code.',
    subscribe: ({ args, context }: Subscribe<{ tenantSlug: string; trackingCode: string }>) =>
      context.services.live.complaintStatusChanged(context, args.tenantSlug, args.trackingCode),
  })
  complaintStatusChanged(
    @Root() delivery: LiveDelivery<PublicComplaintStatus>,
    @Arg('tenantSlug') _tenantSlug: string,
    @Arg('trackingCode') _trackingCode: string,
  ): PublicComplaintStatus {
    return delivery.unwrap();
  }
}
