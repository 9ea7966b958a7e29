import { CurrentTenantDocument, DepartmentsDocument } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';

/** The roles members may hold (labels in the viewer's language) and the departments, for the selects of the administration forms. */
export function useRoleAndDepartmentOptions() {
  const { locale } = useT();
  const client = useClient();
  const tenant = useQuery({ queryKey: ['admin', 'tenant', locale], queryFn: () => client.query(CurrentTenantDocument) });
  const departments = useQuery({ queryKey: ['admin', 'departments'], queryFn: () => client.query(DepartmentsDocument, { first: 100 }) });
  const roles = tenant.data?.tenant.roles ?? [];
  return {
    roleOptions: roles.map((role) => ({ value: role.value, label: role.label })),
    roleLabel: (code: string) => roles.find((role) => role.value === code)?.label ?? code,
    departmentOptions: (departments.data?.departments.edges ?? []).map(({ node }) => ({ value: node.id, label: node.name })),
  };
}
