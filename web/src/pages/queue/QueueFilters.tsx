import {
  ComplaintVocabularyDocument,
  DepartmentsDocument,
  MembersDocument,
  type ComplaintOrderField,
  type OrderDirection,
} from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Switch } from 'antd';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.en';
import { ORDER_FIELDS, type QueueView } from './queue-url';

/** The `complaints` filters and order; labels of statuses, priorities and categories come from the server. */
export function QueueFilters({ view, onChange }: { view: QueueView; onChange(view: QueueView): void }) {
  const { t, locale } = useT();
  const client = useClient();
  const vocabulary = useQuery({
    queryKey: ['vocabulary', locale],
    queryFn: () => client.query(ComplaintVocabularyDocument),
    staleTime: Infinity,
  });
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => client.query(DepartmentsDocument, { first: 100 }),
    staleTime: 60_000,
  });
  // Members are listed to those who may list them; others filter by owner through a shared URL only.
  const members = useQuery({
    queryKey: ['members'],
    queryFn: () => client.query(MembersDocument, { first: 100 }),
    staleTime: 60_000,
    retry: false,
  });
  const words = vocabulary.data?.complaintVocabulary;
  const { filter, order } = view;
  const set = (changes: Partial<QueueView['filter']>) => onChange({ order, filter: { ...filter, ...changes } });
  const orders = ORDER_FIELDS.flatMap((field) => (['DESC', 'ASC'] as const).map((direction) => `${field}.${direction}`));

  return (
    <Space wrap size="small" data-testid="queue-filters">
      <Input.Search
        aria-label={t('queue.filter.text')}
        placeholder={t('queue.filter.text')}
        defaultValue={filter.text ?? ''}
        key={filter.text ?? ''}
        allowClear
        style={{ width: 240 }}
        onSearch={(text) => set({ text: text.trim() || undefined })}
      />
      <Select
        mode="multiple"
        aria-label={t('queue.filter.status')}
        data-testid="filter-status"
        placeholder={t('queue.filter.status')}
        style={{ minWidth: 160 }}
        value={filter.status ?? []}
        options={words?.statuses.map((status) => ({ value: status.value, label: status.label }))}
        onChange={(status) => set({ status: status.length ? status : undefined })}
      />
      <Select
        mode="multiple"
        aria-label={t('queue.filter.priority')}
        placeholder={t('queue.filter.priority')}
        style={{ minWidth: 120 }}
        value={filter.priority ?? []}
        options={words?.priorities.map((priority) => ({ value: priority.value, label: priority.label }))}
        onChange={(priority) => set({ priority: priority.length ? priority : undefined })}
      />
      <Select
        aria-label={t('queue.filter.category')}
        placeholder={t('queue.filter.category')}
        allowClear
        style={{ minWidth: 160 }}
        value={filter.categoryCode ?? undefined}
        options={words?.categories.map((category) => ({ value: category.code, label: category.path.join(' / ') || category.label }))}
        onChange={(code?: string) => set({ categoryCode: code || undefined })}
      />
      <Select
        aria-label={t('queue.filter.department')}
        placeholder={t('queue.filter.department')}
        allowClear
        style={{ minWidth: 140 }}
        value={filter.departmentId == null ? undefined : String(filter.departmentId)}
        options={departments.data?.departments.edges.map(({ node }) => ({ value: node.id, label: node.name }))}
        onChange={(id?: string) => set({ departmentId: id || undefined })}
      />
      <Select
        aria-label={t('queue.filter.owner')}
        placeholder={t('queue.filter.owner')}
        allowClear
        style={{ minWidth: 140 }}
        value={filter.ownerId == null ? undefined : String(filter.ownerId)}
        options={members.data?.members.edges.map(({ node }) => ({ value: node.user.id, label: node.user.name }))}
        onChange={(id?: string) => set({ ownerId: id || undefined })}
      />
      <Space size={4}>
        <Switch
          aria-label={t('queue.filter.overdue')}
          data-testid="filter-overdue"
          checked={filter.overdue ?? false}
          onChange={(overdue) => set({ overdue: overdue || undefined })}
        />
        <span>{t('queue.filter.overdue')}</span>
      </Space>
      <Select
        aria-label={t('queue.order')}
        style={{ minWidth: 180 }}
        value={`${order.field}.${order.direction}`}
        options={orders.map((value) => ({ value, label: t(`queue.order.${value}` as MessageKey) }))}
        onChange={(value: string) => {
          const [field, direction] = value.split('.') as [ComplaintOrderField, OrderDirection];
          onChange({ filter, order: { field, direction } });
        }}
      />
      <Button onClick={() => onChange({ filter: {}, order })}>{t('queue.filter.clear')}</Button>
    </Space>
  );
}
