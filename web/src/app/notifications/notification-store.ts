import { useSyncExternalStore } from 'react';

/** What the notification centre holds: a deadline alert or an approval step now waiting on the viewer. */
export interface InboxNotice {
  id: string;
  kind: 'DUE_SOON' | 'BREACHED' | 'RECOUNTED' | 'APPROVAL';
  complaintId: string;
  complaintNumber: number;
  /** The stage's label (alerts) or the approval step's label, from the server in the user's language. */
  label: string;
  /** When it arrived, on the server's clock. */
  at: number;
  read: boolean;
}

/**
 * The session's notices, newest first, kept in memory while the console is open. They belong
 * to one sign-in (`owner`: tenant and user): another sign-in starts an empty list.
 */
let owner: string | null = null;
let notices: readonly InboxNotice[] = [];
const listeners = new Set<() => void>();
const MAX_NOTICES = 200;

function emit(next: readonly InboxNotice[]): void {
  notices = next;
  for (const listener of listeners) listener();
}

export const notificationStore = {
  /** Starts the list of a sign-in; the same owner keeps what it has. */
  own(next: string | null): void {
    if (next === owner) return;
    owner = next;
    emit([]);
  },
  add(notice: Omit<InboxNotice, 'read'>): boolean {
    if (notices.some((existing) => existing.id === notice.id)) return false;
    emit([{ ...notice, read: false }, ...notices].slice(0, MAX_NOTICES));
    return true;
  },
  markRead(id?: string): void {
    if (!notices.some((notice) => !notice.read && (id === undefined || notice.id === id))) return;
    emit(notices.map((notice) => (id === undefined || notice.id === id ? { ...notice, read: true } : notice)));
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  snapshot: (): readonly InboxNotice[] => notices,
};

/** The session's notices, newest first; re-renders when one arrives or is read. */
export function useNotices(): readonly InboxNotice[] {
  return useSyncExternalStore(notificationStore.subscribe, notificationStore.snapshot);
}
