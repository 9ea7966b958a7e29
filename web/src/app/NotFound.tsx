import { Result } from 'antd';
import { useT } from '../i18n/i18n';

/** An address inside the frame that is no page of the console. */
export default function NotFound() {
  const { t } = useT();
  return <Result status="404" title={t('notFound.title')} />;
}
