import { Alert, Result } from 'antd';
import { useT } from '../../i18n/i18n';
import { isForbidden, problemText } from './user-errors';

/** A section that could not load: the server's refusal of the viewer's rights, or what went wrong. */
export function SectionProblem({ problem }: { problem: unknown }) {
  const { t } = useT();
  if (isForbidden(problem)) return <Refusal />;
  return <Alert type="error" showIcon role="alert" title={t('error.generic', { message: problemText(problem) })} />;
}

/** What a viewer without the rights sees on an administration address. */
export function Refusal() {
  const { t } = useT();
  return <Result status="403" title={t('admin.forbidden.title')} subTitle={t('admin.forbidden.detail')} data-testid="admin-refused" />;
}
