import type { ConnectionState } from '@redress/client-sdk';
import { Button, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useClient } from '../api/data';
import { useT } from '../i18n/i18n';

/** The live connection's trouble, if any: retrying, or stopped with a button to start again. */
export function ConnectionIndicator() {
  const client = useClient();
  const { t } = useT();
  const [state, setState] = useState<ConnectionState>(client.connection.state);
  useEffect(() => client.onConnectionChange((next) => setState(next)), [client]);
  if (state === 'retrying') {
    return (
      <Tag color="warning" role="status" data-testid="connection">
        {t('connection.retrying')}
      </Tag>
    );
  }
  if (state !== 'stopped') return null;
  return (
    <Space size="small" role="status" data-testid="connection">
      <Tag color="error">{t('connection.stopped')}</Tag>
      <Button size="small" onClick={() => client.reconnect()}>
        {t('connection.reconnect')}
      </Button>
    </Space>
  );
}
