import type { ComplaintDetailFragment, ComplaintVocabularyQuery } from '@redress/client-sdk';
import { Button, Card, Descriptions, Empty, List, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { maskPhone } from '../../format/phone';
import { useT } from '../../i18n/i18n';
import type { IntakeField } from '../intake/plugin-fields';

type Vocabulary = ComplaintVocabularyQuery['complaintVocabulary'] | undefined;
type Detail = ComplaintDetailFragment;

export const when = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** A value someone typed or a plugin computed, as plain text (never HTML). */
export function plain(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.map(plain).join(', ');
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? '—';
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card size="small" title={title} data-testid={testId}>
      {children}
    </Card>
  );
}

/** The phone number with its middle digits hidden until the user asks for it. */
function MaskedPhone({ phone }: { phone: string }) {
  const { t } = useT();
  const [shown, setShown] = useState(false);
  const masked = maskPhone(phone);
  return (
    <span>
      <span data-testid="complainant-phone">{shown ? phone : masked}</span>{' '}
      <Button type="link" size="small" onClick={() => setShown(!shown)} aria-pressed={shown}>
        {shown ? t('complaint.phone.hide') : t('complaint.phone.show')}
      </Button>
    </span>
  );
}

export function RecordSection({ complaint }: { complaint: Detail }) {
  const { t } = useT();
  return (
    <Section title={t('complaint.section.record')} testId="section-record">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'received', label: t('complaint.receivedAt'), children: when(complaint.receivedAt) },
          { key: 'channel', label: t('complaint.channel'), children: complaint.channelLabel },
          {
            key: 'category',
            label: t('complaint.category'),
            children: complaint.category?.path.join(' / ') || complaint.category?.label || '—',
          },
          { key: 'department', label: t('complaint.department'), children: complaint.department?.name ?? '—' },
          { key: 'owner', label: t('complaint.owner'), children: complaint.owner?.name ?? '—' },
          { key: 'receivedBy', label: t('complaint.receivedBy'), children: complaint.receivedBy?.name ?? '—' },
          { key: 'respondent', label: t('complaint.respondent'), children: complaint.respondent?.name ?? '—' },
          { key: 'tracking', label: t('complaint.trackingCode'), children: complaint.trackingCode },
          { key: 'demands', label: t('complaint.demands'), span: 2, children: complaint.demandLabels.join(', ') || '—' },
          {
            key: 'description',
            label: t('complaint.description'),
            span: 2,
            children: <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{complaint.description}</Typography.Paragraph>,
          },
          ...(complaint.rejection
            ? [
                {
                  key: 'rejection',
                  label: t('complaint.rejection'),
                  span: 2,
                  children: [complaint.rejection.reasonLabel, complaint.rejection.note].filter(Boolean).join(' — '),
                },
              ]
            : []),
        ]}
      />
    </Section>
  );
}

export function PartiesSection({ complaint }: { complaint: Detail }) {
  const { t } = useT();
  const { complainant, asset } = complaint;
  return (
    <Section title={t('complaint.section.parties')} testId="section-parties">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'name', label: t('complaint.complainant'), children: <span data-testid="complainant-name">{complainant.name}</span> },
          { key: 'phone', label: t('complaint.phone'), children: complainant.phone ? <MaskedPhone phone={complainant.phone} /> : '—' },
          { key: 'email', label: t('complaint.email'), children: complainant.email ?? '—' },
          {
            key: 'asset',
            label: t('complaint.asset'),
            children: asset ? [asset.name, asset.model].filter(Boolean).join(' · ') : '—',
          },
          ...(asset
            ? [
                { key: 'serial', label: t('complaint.serialNumber'), children: asset.serialNumber ?? '—' },
                { key: 'warranty', label: t('complaint.warrantyEndsOn'), children: asset.warrantyEndsOn ?? '—' },
              ]
            : []),
        ]}
      />
    </Section>
  );
}

/** The plugin's intake fields, labelled from its declarations; values the declarations no longer name keep their key. */
export function IntakeFieldsSection({ complaint, declared }: { complaint: Detail; declared: readonly IntakeField[] | undefined }) {
  const { t } = useT();
  const values = (complaint.fields ?? {}) as Record<string, unknown>;
  const known = new Set(declared?.map((field) => field.key));
  const rows = [
    ...(declared ?? [])
      .filter((field) => field.key in values)
      .map((field) => ({ key: field.key, label: field.label, value: values[field.key] })),
    ...Object.keys(values)
      .filter((key) => !known.has(key))
      .map((key) => ({ key, label: key, value: values[key] })),
  ];
  const show = (value: unknown) => (typeof value === 'boolean' ? (value ? t('complaint.yes') : t('complaint.no')) : plain(value));
  return (
    <Section title={t('complaint.section.fields')} testId="section-fields">
      {rows.length ? (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={rows.map((row) => ({ key: row.key, label: row.label, children: <span data-field={row.key}>{show(row.value)}</span> }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaint.none')} />
      )}
    </Section>
  );
}

export function FindingsSection({ complaint }: { complaint: Detail }) {
  const { t } = useT();
  return (
    <Section title={t('complaint.section.findings')} testId="section-findings">
      <List
        size="small"
        locale={{ emptyText: t('complaint.none') }}
        dataSource={complaint.findings}
        renderItem={(finding) => (
          <List.Item data-finding={finding.code}>
            <List.Item.Meta
              title={finding.label}
              description={
                <>
                  <Typography.Text type="secondary" data-testid="finding-cites">
                    {t('complaint.cites', { cites: finding.cites })}
                  </Typography.Text>
                  {Object.entries((finding.details ?? {}) as Record<string, unknown>).map(([key, value]) => (
                    <div key={key}>
                      {key}: {plain(value)}
                    </div>
                  ))}
                </>
              }
            />
          </List.Item>
        )}
      />
    </Section>
  );
}

export function HandlingSection({ complaint, vocabulary }: { complaint: Detail; vocabulary: Vocabulary }) {
  const { t } = useT();
  const { investigation, resolution, closing } = complaint;
  const dimension = (value: string) => vocabulary?.satisfactionDimensions.find((entry) => entry.value === value)?.label ?? value;
  return (
    <Section title={t('complaint.section.handling')} testId="section-handling">
      <Descriptions
        size="small"
        column={1}
        items={[
          ...(investigation
            ? [
                {
                  key: 'investigation',
                  label: t('complaint.investigation'),
                  children: (
                    <span style={{ whiteSpace: 'pre-wrap' }}>
                      {[
                        investigation.cause,
                        investigation.course,
                        investigation.conclusion,
                        investigation.countermeasures,
                        investigation.prevention,
                      ]
                        .filter(Boolean)
                        .join('\n')}
                    </span>
                  ),
                },
              ]
            : []),
          ...(resolution
            ? [
                {
                  key: 'resolution',
                  label: t('complaint.resolution'),
                  children: (
                    <span data-testid="resolution">
                      {resolution.kindLabel}
                      {resolution.amount !== null && resolution.amount !== undefined
                        ? ` ${resolution.amount} ${resolution.currency ?? ''}`
                        : ''}{' '}
                      — {resolution.description} <Tag>{resolution.status}</Tag>
                    </span>
                  ),
                },
              ]
            : []),
          ...complaint.responses.map((response) => ({
            key: `response-${response.id}`,
            label: t('complaint.response', { time: when(response.respondedAt) }),
            children: [response.message, response.customerReaction].filter(Boolean).join(' — '),
          })),
          ...complaint.followUps.map((followUp) => ({
            key: `follow-up-${followUp.id}`,
            label: t('complaint.followUp', { time: when(followUp.recordedAt) }),
            children: (
              <span data-testid="follow-up">
                {followUp.scores.map((score) => `${dimension(score.dimension)} ${score.score}/${followUp.scaleMax}`).join(', ')}
                {followUp.comment ? ` — ${followUp.comment}` : ''}
              </span>
            ),
          })),
          ...(closing
            ? [
                {
                  key: 'closing',
                  label: t('complaint.closing'),
                  children: [
                    closing.summary,
                    closing.lossAmount ? `${t('complaint.loss')} ${closing.lossAmount} ${closing.lossCurrency ?? ''}` : null,
                  ]
                    .filter(Boolean)
                    .join(' — '),
                },
              ]
            : []),
          ...complaint.notes.map((note) => ({
            key: `note-${note.id}`,
            label: t('complaint.note', { time: when(note.createdAt) }),
            children: <span style={{ whiteSpace: 'pre-wrap' }}>{note.body}</span>,
          })),
        ]}
      />
      {!investigation &&
        !resolution &&
        !complaint.responses.length &&
        !complaint.followUps.length &&
        !closing &&
        !complaint.notes.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('complaint.none')} />}
    </Section>
  );
}

export function ApprovalsSection({ complaint }: { complaint: Detail }) {
  const { t } = useT();
  return (
    <Section title={t('complaint.section.approvals')} testId="section-approvals">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={complaint.approvals}
        locale={{ emptyText: t('complaint.none') }}
        onRow={(step) => ({ 'data-role': step.role, 'data-decision': step.decision ?? 'WAITING' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'position', title: '#', dataIndex: 'position', width: 40 },
          { key: 'label', title: t('complaint.approval.step'), dataIndex: 'label' },
          {
            key: 'decision',
            title: t('complaint.approval.decision'),
            render: (_, step) => (step.decision ? t(`action.decision.${step.decision}`) : t('complaint.approval.waiting')),
          },
          { key: 'by', title: t('complaint.approval.by'), render: (_, step) => step.decidedBy?.name ?? '—' },
          { key: 'at', title: t('complaint.approval.at'), render: (_, step) => when(step.decidedAt) },
          { key: 'comment', title: t('complaint.approval.comment'), render: (_, step) => step.comment ?? '' },
        ]}
      />
    </Section>
  );
}

export function PenaltiesSection({ complaint }: { complaint: Detail }) {
  const { t } = useT();
  return (
    <Section title={t('complaint.section.penalties')} testId="section-penalties">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={complaint.penalties}
        locale={{ emptyText: t('complaint.none') }}
        columns={[
          { key: 'subject', title: t('complaint.penalty.subject'), render: (_, penalty) => penalty.subject?.name ?? penalty.subjectRole },
          { key: 'reason', title: t('complaint.penalty.reason'), dataIndex: 'reason' },
          { key: 'points', title: t('complaint.penalty.points'), dataIndex: 'points', width: 70 },
          {
            key: 'amount',
            title: t('complaint.penalty.amount'),
            render: (_, penalty) =>
              penalty.amount !== null && penalty.amount !== undefined ? `${penalty.amount} ${penalty.currency ?? ''}` : '—',
          },
          { key: 'status', title: t('complaint.penalty.status'), dataIndex: 'status', width: 100 },
        ]}
      />
    </Section>
  );
}

export function RelatedSection({ complaint }: { complaint: Detail }) {
  const { t } = useT();
  return (
    <Section title={t('complaint.section.related')} testId="section-related">
      <List
        size="small"
        locale={{ emptyText: t('complaint.none') }}
        dataSource={complaint.relatedComplaints}
        renderItem={(related) => (
          <List.Item>
            <Link to={`/complaints/${related.complaint.id}`}>{t('complaint.title', { number: related.complaint.number })}</Link>{' '}
            {related.complaint.statusLabel} · {when(related.complaint.receivedAt)} ·{' '}
            {t(related.direction === 'REPEATS' ? 'complaint.related.repeats' : 'complaint.related.repeatedBy')} ({related.match})
          </List.Item>
        )}
      />
    </Section>
  );
}
