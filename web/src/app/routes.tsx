import type { RedressClient, ViewerFieldsFragment } from '@redress/client-sdk';
import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Locale } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages.en';
import { mayAdministerPlatform, mayAdministerTenant } from '../pages/admin/admin-access';
import { startQueueEarly } from '../pages/queue/early-queue';
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
  /** Offered in the navigation only to viewers it holds for (the page itself still refuses others). */
  shownTo?: (viewer: ViewerFieldsFragment) => boolean;
  /**
   * Opened directly with a stored session: starts the page's data at once, and the page is drawn
   * beside the session's resume (router.tsx, RequireSession); it must cope with no viewer yet.
   */
  data?: (client: RedressClient, queryClient: QueryClient, locale: Locale, search: string) => void;
}

/** The organisation's pages are offered to a viewer acting in one (not a platform-level sign-in). */
const inOrganisation = (viewer: ViewerFieldsFragment): boolean => viewer.tenant !== null && viewer.tenant !== undefined;

export const PAGES: readonly PageRoute[] = [
  {
    path: '/complaints',
    page: lazyPage(() => import('../pages/queue/QueuePage')),
    nav: 'nav.queue',
    shownTo: inOrganisation,
    data: startQueueEarly,
  },
  { path: '/complaints/new', page: lazyPage(() => import('../pages/intake/IntakePage')) },
  { path: '/complaints/:id', page: lazyPage(() => import('../pages/complaint/ComplaintPage')) },
  { path: '/my-work', page: lazyPage(() => import('../pages/my-work/MyWorkPage')), nav: 'nav.myWork', shownTo: inOrganisation },
  { path: '/analysis', page: lazyPage(() => import('../pages/analysis/AnalysisPage')), nav: 'nav.analysis', shownTo: inOrganisation },
  { path: '/penalties', page: lazyPage(() => import('../pages/penalties/PenaltiesPage')), nav: 'nav.penalties', shownTo: inOrganisation },
  { path: '/settings/notifications', page: lazyPage(() => import('../pages/settings/NotificationSettingsPage')) },
  { path: '/admin/*', page: lazyPage(() => import('../pages/admin/AdminPage')), nav: 'nav.admin', shownTo: mayAdministerTenant },
  {
    path: '/platform/*',
    page: lazyPage(() => import('../pages/platform/PlatformPage')),
    nav: 'nav.platform',
    shownTo: mayAdministerPlatform,
  },
];

/** Where `/` and a successful sign-in without `next` go. */
export const HOME = '/complaints';
