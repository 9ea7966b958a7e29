import { PenaltiesDocument, type PenaltyFieldsFragment, type PenaltyFilter } from '@redress/client-sdk';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';

export const PENALTY_PAGE_SIZE = 50;
export const PENALTY_LEDGER_KEY = 'penalty-ledger';

/** The ledger entries the viewer may see for a filter, a page at a time. */
export function usePenaltyLedger(filter: PenaltyFilter) {
  const client = useClient();
  const { locale } = useT();
  const query = useInfiniteQuery({
    queryKey: [PENALTY_LEDGER_KEY, locale, filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      client.query(PenaltiesDocument, { filter, first: PENALTY_PAGE_SIZE, after: pageParam }).then((data) => data.penalties),
    getNextPageParam: (page) => (page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined),
  });
  const entries: PenaltyFieldsFragment[] = query.data?.pages.flatMap((page) => page.edges.map((edge) => edge.node)) ?? [];
  return { ...query, entries, total: query.data?.pages[0]?.totalCount ?? 0 };
}
