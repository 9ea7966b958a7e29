import type { ComplaintFilter, ComplaintOrder, ComplaintOrderField, ComplaintStatus, OrderDirection, Priority } from '@redress/client-sdk';

/** The queue's view as it stands in the URL, so that it can be bookmarked and shared. */
export interface QueueView {
  filter: ComplaintFilter;
  order: ComplaintOrder;
}

export const ORDER_FIELDS: readonly ComplaintOrderField[] = ['RECEIVED_AT', 'UPDATED_AT', 'NUMBER'];
const DIRECTIONS: readonly OrderDirection[] = ['ASC', 'DESC'];
export const DEFAULT_ORDER: ComplaintOrder = { field: 'RECEIVED_AT', direction: 'DESC' };

const list = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

export function viewFromParams(params: URLSearchParams): QueueView {
  const filter: ComplaintFilter = {};
  const status = list(params.get('status'));
  if (status.length) filter.status = status as ComplaintStatus[];
  const priority = list(params.get('priority'));
  if (priority.length) filter.priority = priority as Priority[];
  const category = params.get('category');
  if (category) filter.categoryCode = category;
  const department = params.get('department');
  if (department) filter.departmentId = department;
  const owner = params.get('owner');
  if (owner) filter.ownerId = owner;
  if (params.get('overdue') === '1') filter.overdue = true;
  const text = params.get('q')?.trim();
  if (text) filter.text = text;
  const [field, direction] = (params.get('order') ?? '').split('.');
  const orderField = ORDER_FIELDS.find((known) => known === field);
  const orderDirection = DIRECTIONS.find((known) => known === direction);
  const order = orderField && orderDirection ? { field: orderField, direction: orderDirection } : DEFAULT_ORDER;
  return { filter, order };
}

export function paramsFromView({ filter, order }: QueueView): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.status?.length) params.set('status', filter.status.join(','));
  if (filter.priority?.length) params.set('priority', filter.priority.join(','));
  if (filter.categoryCode) params.set('category', filter.categoryCode);
  if (filter.departmentId) params.set('department', String(filter.departmentId));
  if (filter.ownerId) params.set('owner', String(filter.ownerId));
  if (filter.overdue) params.set('overdue', '1');
  if (filter.text) params.set('q', filter.text);
  if (order.field !== DEFAULT_ORDER.field || order.direction !== DEFAULT_ORDER.direction)
    params.set('order', `${order.field}.${order.direction}`);
  return params;
}
