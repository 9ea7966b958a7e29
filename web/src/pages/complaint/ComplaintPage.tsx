import { watchComplaint, type ComplaintChange, type ComplaintDetailFragment, type ComplaintEventFieldsFragment } from '@redress/client-sdk';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Col, Row, Space, Spin, message } from 'antd';
import { Link, useParams } from 'react-router';
import { useLive } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { useIntakeFields } from '../intake/plugin-fields';
import { ComplaintActions } from './ComplaintActions';
import { ComplaintHeader } from './ComplaintHeader';
import {
  ApprovalsSection,
  FindingsSection,
  HandlingSection,
  IntakeFieldsSection,
  PartiesSection,
  PenaltiesSection,
  RecordSection,
  RelatedSection,
} from './ComplaintSections';
import { ComplaintTimeline } from './ComplaintTimeline';
import { EvidenceSection } from './EvidenceSection';
import { useVocabulary } from './use-vocabulary';

interface LiveComplaint {
  complaint: ComplaintDetailFragment | null;
  /** Events that arrived since the page opened, oldest first. */
  events: ComplaintEventFieldsFragment[];
}

/** One complaint, kept current live: its record, its parties, the plugin's fields and findings, its handling, the timeline and the viewer's actions. */
export default function ComplaintPage() {
  const { id = '' } = useParams();
  const { t, locale } = useT();
  const queryClient = useQueryClient();
  const vocabulary = useVocabulary();
  const intake = useIntakeFields();
  const [toast, toastHolder] = message.useMessage();
  const key = ['complaint', locale, id];
  const live = useLive<LiveComplaint>(key, (client, push, fail) => {
    const events: ComplaintEventFieldsFragment[] = [];
    return watchComplaint(client, id, {
      onChange: (complaint, event) => {
        if (event) events.push(event);
        push({ complaint, events: [...events] });
      },
      onError: fail,
    });
  });
  const complaint = live.data?.complaint;

  const applied = (change: ComplaintChange, done = t('action.done', { status: change.complaint.statusLabel })) => {
    // Shown at once; the same change also arrives through the watch.
    queryClient.setQueryData<LiveComplaint>(key, (previous) => {
      if (previous?.complaint && previous.complaint.version >= change.complaint.version) return previous;
      return { complaint: change.complaint, events: [...(previous?.events ?? []), ...(change.event ? [change.event] : [])] };
    });
    void toast.success(done);
  };

  const statusLabel = (status: string | null | undefined) =>
    status ? (vocabulary?.statuses.find((entry) => entry.value === status)?.label ?? status) : null;

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      {toastHolder}
      <Link to="/complaints">{t('complaint.back')}</Link>
      {live.liveError && <Alert type="error" showIcon message={t('error.generic', { message: live.liveError.message })} />}
      {!live.data && !live.liveError && <Spin />}
      {live.data && !complaint && <Alert type="warning" showIcon message={t('complaint.notFound')} />}
      {complaint && (
        <>
          <ComplaintHeader complaint={complaint} statuses={vocabulary?.statuses} />
          <ComplaintActions complaint={complaint} onDone={applied} />
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={16}>
              <Space direction="vertical" style={{ width: '100%' }} size="small">
                <RecordSection complaint={complaint} />
                <PartiesSection complaint={complaint} />
                <EvidenceSection complaint={complaint} onDone={(change) => applied(change, t('evidence.added'))} />
                <IntakeFieldsSection complaint={complaint} declared={intake.fields} />
                <FindingsSection complaint={complaint} />
                <HandlingSection complaint={complaint} vocabulary={vocabulary} />
                <ApprovalsSection complaint={complaint} />
                <PenaltiesSection complaint={complaint} />
                <RelatedSection complaint={complaint} />
              </Space>
            </Col>
            <Col xs={24} lg={8}>
              <ComplaintTimeline
                complaintId={complaint.id}
                arrived={complaint.lastEvent ? [...(live.data?.events ?? []), complaint.lastEvent] : (live.data?.events ?? [])}
                statusLabel={statusLabel}
              />
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}
