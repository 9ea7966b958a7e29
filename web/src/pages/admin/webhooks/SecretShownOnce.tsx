import { Alert, Modal, Space, Typography } from 'antd';
import { serverNow } from '../../../api/server-clock';
import { useT, type Translate } from '../../../i18n/i18n';

/** A secret to show once: for the endpoint at `url`; after a rotation, until when the previous one signs. */
export interface ShownSecret {
  url: string;
  secret: string;
  previousSecretExpiresAt: string | null;
}

/** "about 24 hours": how long from the server's now until `until`. */
export function durationUntil(t: Translate, until: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(until) - serverNow()) / 60_000));
  if (minutes >= 48 * 60) return t('admin.webhooks.days', { count: Math.round(minutes / (24 * 60)) });
  if (minutes >= 120) return t('admin.webhooks.hours', { count: Math.round(minutes / 60) });
  return t('admin.webhooks.minutes', { count: minutes });
}

/** The endpoint's signing secret, shown this once with a copy button (like an API key's). */
export function SecretShownOnce({ shown, onDone }: { shown: ShownSecret | null; onDone(): void }) {
  const { t, locale } = useT();
  return (
    <Modal
      open={shown !== null}
      title={t('admin.webhooks.secretTitle', { url: shown?.url ?? '' })}
      closable={false}
      maskClosable={false}
      keyboard={false}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText={t('admin.webhooks.secretDone')}
      onOk={onDone}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={t('admin.webhooks.secretOnce')} />
        <Typography.Paragraph code copyable={{ text: shown?.secret }} data-testid="webhook-secret" style={{ wordBreak: 'break-all' }}>
          {shown?.secret}
        </Typography.Paragraph>
        {shown?.previousSecretExpiresAt && (
          <Alert
            type="info"
            showIcon
            data-testid="previous-secret-signs"
            title={t('admin.webhooks.previousSigns', {
              time: new Date(shown.previousSecretExpiresAt).toLocaleString(locale),
              duration: durationUntil(t, shown.previousSecretExpiresAt),
            })}
          />
        )}
      </Space>
    </Modal>
  );
}
