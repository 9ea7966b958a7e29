import { PublicTenantDocument, type PublicTenantQuery } from '@redress/client-sdk';
import { useEffect, useState } from 'react';
import { publicClient } from './api';
import type { Locale } from './i18n';

export type PublicTenant = NonNullable<PublicTenantQuery['publicTenant']>;

export type TenantState =
  | { state: 'loading'; tenant: PublicTenant | null }
  | { state: 'ready'; tenant: PublicTenant }
  | { state: 'missing'; tenant: null }
  | { state: 'failed'; tenant: PublicTenant | null; error: unknown };

/** Answers already read, by slug and language ('' for the organisation's own). */
const known = new Map<string, PublicTenant | null>();

/**
 * The organisation named in the address, with its form's labels in `locale` (its own language
 * while the complainant has chosen none). While another language loads, the last answer stays.
 */
export function usePublicTenant(slug: string | null, locale: Locale | null, attempt: number): TenantState {
  const key = slug === null ? null : `${slug}\n${locale ?? ''}`;
  const [state, setState] = useState<TenantState>({ state: 'loading', tenant: null });
  useEffect(() => {
    if (slug === null || key === null) return;
    const cached = known.get(key);
    if (cached !== undefined) {
      setState(cached ? { state: 'ready', tenant: cached } : { state: 'missing', tenant: null });
      return;
    }
    let current = true;
    setState((previous) => ({ state: 'loading', tenant: previous.tenant?.slug === slug ? previous.tenant : null }));
    publicClient(locale)
      .query(PublicTenantDocument, { slug })
      .then(
        ({ publicTenant }) => {
          known.set(key, publicTenant);
          if (current) setState(publicTenant ? { state: 'ready', tenant: publicTenant } : { state: 'missing', tenant: null });
        },
        (error: unknown) => {
          if (current) setState((previous) => ({ state: 'failed', tenant: previous.tenant, error }));
        },
      );
    return () => {
      current = false;
    };
  }, [slug, locale, key, attempt]);
  return slug === null ? { state: 'missing', tenant: null } : state;
}
