import { FollowUpsDocument, paginate, type FollowUpsQuery } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Table, Tag, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useClient } from '../../api/data';
import { useSession } from '../../api/session';
import { useT } from '../../i18n/i18n';

type FollowUp = FollowUpsQuery['followUps']['edges'][number]['node'];

/** The viewer's open follow-up tasks, soonest due first; the server says which are overdue. */
export function MyFollowUps() {
  const { t, locale } = useT();
  const client = useClient();
  const userId = useSession().viewer?.user.id;
  const followUps = useQuery({
    queryKey: ['my-follow-ups', locale, userId],
    enabled: !!userId,
    queryFn: async () => {
      const tasks: FollowUp[] = [];
      for await (const task of paginate(
        client,
        FollowUpsDocument,
        { filter: { assigneeId: userId }, first: 100 },
        (data) => data.followUps,
      )) {
        tasks.push(task);
      }
      return tasks.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    },
  });
  const columns: TableColumnsType<FollowUp> = [
    {
      key: 'complaint',
      title: t('myWork.col.complaint'),
      width: 120,
      render: (_, task) => <Link to={`/complaints/${task.complaint.id}`}>No. {task.complaint.number}</Link>,
    },
    { key: 'complainant', title: t('myWork.col.complainant'), width: 140, render: (_, task) => task.complaint.complainant.name },
    { key: 'reason', title: t('myWork.col.reason'), dataIndex: 'reason' },
    {
      key: 'due',
      title: t('myWork.col.due'),
      width: 200,
      render: (_, task) => (
        <>
          {dayjs(task.dueAt).format('YYYY-MM-DD HH:mm')} {task.overdue ? <Tag color="red">{t('myWork.overdue')}</Tag> : null}
        </>
      ),
    },
  ];
  return (
    <Table<FollowUp>
      data-testid="my-follow-ups"
      rowKey="id"
      size="small"
      loading={followUps.isLoading}
      columns={columns}
      dataSource={followUps.data ?? []}
      pagination={false}
      locale={{ emptyText: t('myWork.followUps.none') }}
    />
  );
}
