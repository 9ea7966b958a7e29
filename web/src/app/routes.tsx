import type { ComponentType, LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n/messages.en';
import { lazyPage, type LazyPage } from './lazy-page';

/**
 * Every page of the console: its path, its code (loaded when first opened) and, for pages
 * in the left navigation, the message key of its label. Adding a page is one line here.
 */
export interface PageRoute {
  path: string;
  /** `lazyPage(() => import(…))`: loaded when first opened; opened directly, fetched at start (router.tsx). */
  page: LazyPage | LazyExoticComponent<ComponentType>;
  /** Shown in the left navigation under this label; omit for pages reached from others. */
  nav?: MessageKey;
}

export const PAGES: readonly PageRoute[] = [
  { path: '/complaints', page: lazyPage(() => import('../pages/queue/QueuePage')), nav: 'nav.queue' },
  { path: '/complaints/:id', page: lazyPage(() => import('../pages/complaint/ComplaintPage')) },
  { path: '/my-work', page: lazyPage(() => import('../pages/my-work/MyWorkPage')), nav: 'nav.myWork' },
  { path: '/penalties', page: lazyPage(() => import('../pages/penalties/PenaltiesPage')), nav: 'nav.penalties' },
  { path: '/analysis', page: lazyPage(() => import('../pages/analysis/AnalysisPage')), nav: 'nav.analysis' },
];

/** Where `/` and a successful sign-in without `next` go. */
export const HOME = '/complaints';
