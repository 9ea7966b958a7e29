import { watchComplaint, type ComplaintDetailFragment } from '@redress/client-sdk';
import { Alert, Descriptions, Space, Spin, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useLive } from '../../api/data';
import { useT } from '../../i18n/i18n';

/** One complaint, kept current live. The starting point of the complaint page: number and status so far. */
export default function ComplaintPage() {
  const { id = '' } = useParams();
  const { t, locale } = useT();
  const live = useLive<{ complaint: ComplaintDetailFragment | null }>(['complaint', locale, id], (client, push, fail) =>
    watchComplaint(client, id, { onChange: (complaint) => push({ complaint }), onError: fail }),
  );
  const complaint = live.data?.complaint;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Link to="/complaints">{t('complaint.back')}</Link>
      {live.liveError && <Alert type="error" showIcon message={t('error.generic', { message: live.liveError.message })} />}
      {!live.data && !live.liveError && <Spin />}
      {live.data && !complaint && <Alert type="warning" showIcon message={t('complaint.notFound')} />}
      {complaint && (
        <>
          <Typography.Title level={3} data-testid="complaint-title">
            {t('complaint.title', { number: complaint.number })}
          </Typography.Title>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'status',
                label: t('queue.col.status'),
                children: <span data-testid="complaint-status">{complaint.statusLabel}</span>,
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
