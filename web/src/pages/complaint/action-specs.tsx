import type {
  ApprovalDecision,
  AssessmentDecision,
  Channel,
  ComplaintChange,
  ComplaintDetailFragment,
  ComplaintRef,
  ComplaintVocabularyQuery,
  ComplaintWorkflow,
  DepartmentFieldsFragment,
  MembershipFieldsFragment,
  MutationResult,
  Priority,
  ResolutionKind,
  SatisfactionDimension,
} from '@redress/client-sdk';
import { Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import type { Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.en';
import { filledFields, IntakeFieldItem, type IntakeField } from '../intake/plugin-fields';

export type ActionValues = Record<string, unknown>;

/** What a form needs to offer its choices: the server's words, departments, members, the plugin's fields. */
export interface FormContext {
  t: Translate;
  complaint: ComplaintDetailFragment;
  vocabulary: ComplaintVocabularyQuery['complaintVocabulary'] | undefined;
  departments: readonly DepartmentFieldsFragment[] | undefined;
  members: readonly MembershipFieldsFragment[] | undefined;
  intakeFields: readonly IntakeField[] | undefined;
  /** The action's presets (decision ACCEPT…), fixed for the form. */
  presets: Readonly<Record<string, string>>;
  /** Whether the server says the mutation's input needs this field. */
  required(field: string): boolean;
}

/** The form of one lifecycle mutation: its inputs, the paths errors may name, and how it is taken through the SDK. */
export interface ActionSpec {
  fields(context: FormContext): ReactNode;
  /** Initial values, e.g. the complaint's intake fields for an update. */
  initial?(context: FormContext): ActionValues;
  run(workflow: ComplaintWorkflow, complaint: ComplaintRef, values: ActionValues): Promise<MutationResult<ComplaintChange>>;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
const number = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

function rules(context: FormContext, field: string) {
  return context.required(field) ? [{ required: true, whitespace: true, message: context.t('intake.field.required') }] : [];
}

function textItem(context: FormContext, field: string, label: MessageKey, rows = 0) {
  return (
    <Form.Item key={field} name={field} label={context.t(label)} rules={rules(context, field)}>
      {rows ? <Input.TextArea rows={rows} /> : <Input />}
    </Form.Item>
  );
}

/** An option matches what was typed by its label or its value (a category code, say). */
function matches(input: string, option: { label?: unknown; value?: unknown } | undefined): boolean {
  const typed = input.trim().toLowerCase();
  return [option?.label, option?.value].some((part) => typeof part === 'string' && part.toLowerCase().includes(typed));
}

function selectItem(context: FormContext, field: string, label: MessageKey, options: { value: string; label: string }[] | undefined) {
  return (
    <Form.Item key={field} name={field} label={context.t(label)} rules={rules(context, field)}>
      <Select
        allowClear
        showSearch={{ filterOption: (input, option) => matches(input, option) }}
        options={options?.map((option) => ({ ...option, 'data-value': option.value }))}
      />
    </Form.Item>
  );
}

function moneyItems(context: FormContext, amount: string, currency: string, label: MessageKey) {
  return [
    <Form.Item key={amount} name={amount} label={context.t(label)} rules={rules(context, amount)}>
      <InputNumber min={0} style={{ width: '100%' }} />
    </Form.Item>,
    <Form.Item key={currency} name={currency} label={context.t('action.field.currency')} rules={rules(context, currency)}>
      <Input maxLength={3} style={{ width: 100 }} />
    </Form.Item>,
  ];
}

const memberOptions = (context: FormContext) =>
  context.members?.map((member) => ({ value: member.user.id, label: `${member.user.name} (${member.roles.join(', ')})` }));

/** The forms, by the server's mutation name (`availableActions[].mutation`). */
export const ACTION_SPECS: Record<string, ActionSpec> = {
  acknowledgeComplaint: {
    fields: () => null,
    run: (workflow, complaint) => workflow.acknowledge(complaint),
  },
  assessComplaint: {
    fields: (context) =>
      context.presets.decision === 'REJECT'
        ? [
            selectItem(
              context,
              'rejectionReason',
              'action.field.rejectionReason',
              context.vocabulary?.rejectionReasons.map((reason) => ({ value: reason.value, label: reason.label })),
            ),
            textItem(context, 'note', 'action.field.reason', 3),
          ]
        : [
            selectItem(
              context,
              'categoryCode',
              'action.field.category',
              context.vocabulary?.categories.map((category) => ({
                value: category.code,
                label: category.path.join(' / ') || category.label,
              })),
            ),
            selectItem(
              context,
              'priority',
              'action.field.priority',
              context.vocabulary?.priorities.map((priority) => ({ value: priority.value, label: priority.label })),
            ),
            <Form.Item key="major" name="major" label={context.t('action.field.major')} valuePropName="checked">
              <Switch />
            </Form.Item>,
            textItem(context, 'note', 'action.field.reason', 3),
          ],
    initial: (context) => ({ categoryCode: context.complaint.category?.code ?? undefined, major: context.complaint.major }),
    run: (workflow, complaint, values) =>
      workflow.assess(complaint, {
        decision: str(values.decision) as AssessmentDecision,
        categoryCode: text(values.categoryCode),
        priority: (text(values.priority) as Priority | null) ?? null,
        major: typeof values.major === 'boolean' ? values.major : null,
        rejectionReason: text(values.rejectionReason),
        note: text(values.note),
      }),
  },
  assignComplaint: {
    fields: (context) => [
      selectItem(context, 'ownerId', 'action.field.owner', memberOptions(context)),
      selectItem(
        context,
        'departmentId',
        'action.field.department',
        context.departments?.map((department) => ({ value: department.id, label: department.name })),
      ),
      textItem(context, 'note', 'action.field.note', 2),
    ],
    run: (workflow, complaint, values) =>
      workflow.assign(complaint, { ownerId: text(values.ownerId), departmentId: text(values.departmentId), note: text(values.note) }),
  },
  recordInvestigation: {
    fields: (context) => [
      textItem(context, 'cause', 'action.field.cause', 2),
      textItem(context, 'course', 'action.field.course', 2),
      textItem(context, 'conclusion', 'action.field.conclusion', 2),
      textItem(context, 'countermeasures', 'action.field.countermeasures', 2),
      textItem(context, 'prevention', 'action.field.prevention', 2),
      textItem(context, 'responsiblePerson', 'action.field.responsiblePerson'),
    ],
    run: (workflow, complaint, values) =>
      workflow.recordInvestigation(complaint, {
        cause: str(values.cause),
        course: str(values.course),
        conclusion: str(values.conclusion),
        countermeasures: str(values.countermeasures),
        prevention: str(values.prevention),
        responsiblePerson: text(values.responsiblePerson),
      }),
  },
  proposeResolution: {
    fields: (context) => [
      selectItem(
        context,
        'kind',
        'action.field.resolutionKind',
        context.vocabulary?.resolutionKinds.map((kind) => ({ value: kind.value, label: kind.label })),
      ),
      ...moneyItems(context, 'amount', 'currency', 'action.field.amount'),
      textItem(context, 'description', 'action.field.resolutionDescription', 3),
    ],
    initial: () => ({ currency: 'CNY' }),
    run: (workflow, complaint, values) => {
      const amount = number(values.amount);
      return workflow.proposeResolution(complaint, {
        kind: str(values.kind) as ResolutionKind,
        amount,
        currency: amount === null ? null : text(values.currency),
        description: str(values.description),
      });
    },
  },
  decideApproval: {
    fields: (context) => [
      <Form.Item key="decision" name="decision" label={context.t('action.field.decision')} rules={rules(context, 'decision')}>
        <Radio.Group
          optionType="button"
          options={(['APPROVE', 'SEND_BACK', 'REJECT'] as const).map((decision) => ({
            value: decision,
            label: context.t(`action.decision.${decision}`),
          }))}
        />
      </Form.Item>,
      textItem(context, 'comment', 'action.field.comment', 3),
    ],
    run: (workflow, complaint, values) =>
      workflow.decideApproval(complaint, { decision: str(values.decision) as ApprovalDecision, comment: text(values.comment) }),
  },
  markResolutionExecuted: {
    fields: (context) => textItem(context, 'note', 'action.field.note', 2),
    run: (workflow, complaint, values) => workflow.markResolutionExecuted(complaint, { note: text(values.note) }),
  },
  respondToComplainant: {
    fields: (context) => [
      selectItem(
        context,
        'channel',
        'action.field.channel',
        context.vocabulary?.channels.map((channel) => ({ value: channel.value, label: channel.label })),
      ),
      textItem(context, 'message', 'action.field.message', 4),
      textItem(context, 'customerReaction', 'action.field.customerReaction', 2),
    ],
    initial: (context) => ({ channel: context.complaint.channel }),
    run: (workflow, complaint, values) =>
      workflow.respond(complaint, {
        channel: str(values.channel) as Channel,
        message: str(values.message),
        customerReaction: text(values.customerReaction),
      }),
  },
  recordFollowUp: {
    fields: (context) => [
      ...(context.vocabulary?.satisfactionDimensions ?? []).map((dimension) => (
        <Form.Item key={dimension.value} name={['scores', dimension.value]} label={dimension.label}>
          <InputNumber min={0} precision={0} style={{ width: 120 }} />
        </Form.Item>
      )),
      textItem(context, 'comment', 'action.field.comment', 2),
    ],
    run: (workflow, complaint, values) => {
      const given = (values.scores ?? {}) as Partial<Record<SatisfactionDimension, number | null>>;
      const scores = Object.entries(given)
        .filter((entry): entry is [SatisfactionDimension, number] => typeof entry[1] === 'number')
        .map(([dimension, score]) => ({ dimension, score }));
      return workflow.recordFollowUp(complaint, { scores, comment: text(values.comment) });
    },
  },
  closeComplaint: {
    fields: (context) => [
      textItem(context, 'summary', 'action.field.summary', 3),
      ...moneyItems(context, 'lossAmount', 'lossCurrency', 'action.field.lossAmount'),
    ],
    initial: () => ({ lossCurrency: 'CNY' }),
    run: (workflow, complaint, values) => {
      const lossAmount = number(values.lossAmount);
      return workflow.close(complaint, {
        summary: str(values.summary),
        lossAmount,
        lossCurrency: lossAmount === null ? null : text(values.lossCurrency),
      });
    },
  },
  reopenComplaint: {
    fields: (context) => textItem(context, 'reason', 'action.field.reason', 3),
    run: (workflow, complaint, values) => workflow.reopen(complaint, { reason: str(values.reason) }),
  },
  escalateComplaint: {
    fields: (context) => textItem(context, 'reason', 'action.field.reason', 3),
    run: (workflow, complaint, values) => workflow.escalate(complaint, { reason: str(values.reason) }),
  },
  withdrawComplaint: {
    fields: (context) => textItem(context, 'reason', 'action.field.reason', 3),
    run: (workflow, complaint, values) => workflow.withdraw(complaint, { reason: text(values.reason) }),
  },
  addNote: {
    fields: (context) => textItem(context, 'body', 'action.field.body', 4),
    run: (workflow, complaint, values) => workflow.addNote(complaint, { body: str(values.body) }),
  },
  pauseClock: {
    fields: (context) => textItem(context, 'reason', 'action.field.reason', 2),
    run: (workflow, complaint, values) => workflow.pauseClock(complaint, { reason: str(values.reason) }),
  },
  resumeClock: {
    fields: (context) => textItem(context, 'note', 'action.field.note', 2),
    run: (workflow, complaint, values) => workflow.resumeClock(complaint, { note: text(values.note) }),
  },
  recordRefusalToReceive: {
    fields: (context) => [
      selectItem(context, 'employeeId', 'action.field.employee', memberOptions(context)),
      textItem(context, 'note', 'action.field.note', 2),
    ],
    run: (workflow, complaint, values) =>
      workflow.recordRefusalToReceive(complaint, { employeeId: str(values.employeeId), note: str(values.note) }),
  },
  updateComplaintFields: {
    fields: (context) => [
      ...(context.intakeFields ?? []).map((field) => <IntakeFieldItem key={`${field.pluginId}.${field.key}`} field={field} />),
      textItem(context, 'note', 'action.field.note', 2),
    ],
    initial: (context) => ({ fields: context.complaint.fields ?? {} }),
    run: (workflow, complaint, values) =>
      workflow.updateFields(complaint, {
        fields: filledFields(values.fields as Record<string, unknown> | undefined) ?? {},
        note: text(values.note),
      }),
  },
};

/** The paths a form shows, for placing errors (`error.field`) beside them. */
export function knownPaths(mutation: string, context: FormContext): Set<string> {
  const paths = new Set<string>(['note', 'comment', 'reason']);
  const add = (node: ReactNode): void => {
    if (Array.isArray(node)) node.forEach(add);
    else if (node && typeof node === 'object' && 'props' in node) {
      const { name, field } = node.props as { name?: unknown; field?: IntakeField };
      if (typeof name === 'string') paths.add(name);
      else if (Array.isArray(name)) paths.add(name.join('.'));
      if (field) paths.add(`fields.${field.key}`);
    }
  };
  add(ACTION_SPECS[mutation]?.fields(context));
  return paths;
}
