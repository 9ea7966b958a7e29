import { ComplaintVocabularyDocument, DepartmentsDocument, MembersDocument } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';

/** The server's words for statuses, channels, demands, categories… in the user's language (shared with the queue's cache). */
export function useVocabulary() {
  const client = useClient();
  const { locale } = useT();
  return useQuery({
    queryKey: ['vocabulary', locale],
    queryFn: () => client.query(ComplaintVocabularyDocument),
    staleTime: Infinity,
  }).data?.complaintVocabulary;
}

/** The organisation's departments, for assigning. */
export function useDepartments() {
  const client = useClient();
  return useQuery({
    queryKey: ['departments'],
    queryFn: () => client.query(DepartmentsDocument, { first: 100 }),
    staleTime: 60_000,
  }).data?.departments.edges.map((edge) => edge.node);
}

/** The organisation's members, for assigning; empty for a viewer who may not list them. */
export function useMembers() {
  const client = useClient();
  return useQuery({
    queryKey: ['members'],
    queryFn: () => client.query(MembersDocument, { first: 100 }),
    staleTime: 60_000,
    retry: false,
  }).data?.members.edges.map((edge) => edge.node);
}
