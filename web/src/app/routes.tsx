import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n/messages.en';

/**
 * Every page of the console: its path, its code (loaded when first opened) and, for pages
 * in the left navigation, the message key of its label. Adding a page is one line here.
 */
export interface PageRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Shown in the left navigation under this label; omit for pages reached from others. */
  nav?: MessageKey;
}

export const PAGES: readonly PageRoute[] = [
  { path: '/complaints', page: lazy(() => import('../pages/queue/QueuePage')), nav: 'nav.queue' },
  { path: '/complaints/new', page: lazy(() => import('../pages/intake/IntakePage')) },
  { path: '/complaints/:id', page: lazy(() => import('../pages/complaint/ComplaintPage')) },
];

/** Where `/` and a successful sign-in without `next` go. */
export const HOME = '/complaints';
