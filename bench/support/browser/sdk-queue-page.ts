import { createClient, watchComplaintQueue, type ComplaintQueueState } from '@redress/client-sdk';

/**
 * S9's baseline page: the SDK alone (no React, no UI library) watching the same queue the
 * console's queue page watches (first 50, default order), drawn as a plain table with the
 * console's columns. Bundled by esbuild when the scenario starts.
 */
const SESSION_KEY = 'redress.session';
const token = (JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as { token: string } | null)?.token ?? null;
const client = createClient({ url: new URL('/graphql', location.origin).toString(), locale: 'en', token: () => token });

const root = document.createElement('div');
root.dataset.testid = 'queue';
const table = document.createElement('table');
const body = document.createElement('tbody');
table.append(body);
root.append(table);
document.body.append(root);

function cell(row: HTMLTableRowElement, text: string): void {
  const td = document.createElement('td');
  td.textContent = text;
  row.append(td);
}

function render(state: ComplaintQueueState): void {
  const rows = state.complaints.map((complaint) => {
    const row = document.createElement('tr');
    row.dataset.number = String(complaint.number);
    cell(row, String(complaint.number));
    cell(row, complaint.priorityLabel);
    cell(row, complaint.statusLabel);
    cell(row, complaint.category?.label ?? '—');
    const phone = complaint.complainant.phone;
    cell(row, phone ? `${complaint.complainant.name} ${phone.slice(0, 3)}****${phone.slice(-4)}` : complaint.complainant.name);
    cell(row, complaint.owner?.name ?? '—');
    cell(row, complaint.department?.name ?? '—');
    cell(row, complaint.deadlines[0]?.dueAt ?? '—');
    cell(row, complaint.updatedAt.slice(0, 16).replace('T', ' '));
    return row;
  });
  body.replaceChildren(...rows);
}

// The console's default view: no filter, newest received first.
void watchComplaintQueue(client, {
  filter: {},
  orderBy: { field: 'RECEIVED_AT', direction: 'DESC' },
  first: 50,
  onChange: render,
  onError: (error) => console.error(error),
});
