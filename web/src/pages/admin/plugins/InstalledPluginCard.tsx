import { ConfigurePluginDocument, UninstallPluginDocument, type InstalledPluginFieldsFragment, type UserError } from '@redress/client-sdk';
import { Alert, Button, Card, Popconfirm, Space, Tag, Typography, message as antMessage } from 'antd';
import { useState } from 'react';
import { useClient } from '../../../api/data';
import { useT } from '../../../i18n/i18n';
import { isObject, sameJson, type JsonObject, type JsonValue } from './json-schema';
import type { AvailablePlugin } from './plugin-changes';
import { RuleConfigForm } from './RuleConfigForm';
import { UpgradeButton } from './UpgradeButton';

interface InstalledPluginCardProps {
  installed: InstalledPluginFieldsFragment;
  /** The description of the installed version; null when this server no longer ships it. */
  described: AvailablePlugin | null;
  versions: AvailablePlugin[];
  onChanged(): Promise<void>;
}

/** Errors under `config.` by the field they name; the rest as messages. */
export function splitConfigErrors(errors: ReadonlyArray<UserError>): { byField: Map<string, string>; general: string[] } {
  const byField = new Map<string, string>();
  const general: string[] = [];
  for (const error of errors) {
    if (error.field?.startsWith('config.')) byField.set(error.field, [byField.get(error.field), error.message].filter(Boolean).join(' '));
    else general.push(error.message);
  }
  return { byField, general };
}

/** An installed plugin: its version, each rule's arguments to tune, upgrade and uninstall. */
export function InstalledPluginCard({ installed, described, versions, onChanged }: InstalledPluginCardProps) {
  const { t } = useT();
  const client = useClient();
  const [message, messageHolder] = antMessage.useMessage();
  const saved = isObject(installed.config) ? installed.config : {};
  const [draft, setDraft] = useState<JsonObject>(saved);
  const [errors, setErrors] = useState<ReadonlyMap<string, string>>(new Map());
  const [general, setGeneral] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const dirty = !sameJson(draft, saved);

  const save = async () => {
    setBusy(true);
    try {
      const result = await client.mutate(ConfigurePluginDocument, { input: { pluginId: installed.pluginId, config: draft } });
      if (!result.ok) {
        const split = splitConfigErrors(result.errors);
        setErrors(split.byField);
        setGeneral(split.general);
        return;
      }
      setErrors(new Map());
      setGeneral([]);
      void message.success(t('admin.plugins.saved'));
      await onChanged();
    } catch (error) {
      setGeneral([error instanceof Error ? error.message : String(error)]);
    } finally {
      setBusy(false);
    }
  };

  const uninstall = async () => {
    const result = await client.mutate(UninstallPluginDocument, { input: { pluginId: installed.pluginId } });
    if (!result.ok) setGeneral(result.errors.map((error) => error.message));
    else await onChanged();
  };

  return (
    <Card
      data-testid={`installed-${installed.pluginId}`}
      title={
        <Space>
          {described?.title ?? installed.pluginId}
          <Tag data-testid="installed-version">{`${installed.pluginId}@${installed.version}`}</Tag>
        </Space>
      }
      extra={
        <Space wrap>
          {described && <UpgradeButton installed={installed} current={described} versions={versions} onUpgraded={onChanged} />}
          <Popconfirm
            title={t('admin.plugins.uninstallConfirm', { plugin: described?.title ?? installed.pluginId })}
            description={t('admin.plugins.uninstallEffect')}
            okText={t('admin.plugins.uninstall')}
            cancelText={t('admin.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={uninstall}
          >
            <Button danger>{t('admin.plugins.uninstall')}</Button>
          </Popconfirm>
        </Space>
      }
    >
      {messageHolder}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {described && <Typography.Paragraph type="secondary">{described.description}</Typography.Paragraph>}
        {general.length > 0 && <Alert type="error" showIcon role="alert" title={general.join(' ')} data-testid="plugin-error" />}
        {described ? (
          <>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 520px), 1fr))', gap: 12 }}>
              {described.rules.map((rule) => (
                <RuleConfigForm
                  key={rule.code}
                  rule={rule}
                  configSchema={described.configSchema}
                  value={draft[rule.code]}
                  errors={errors}
                  onChange={(value: JsonValue) => setDraft({ ...draft, [rule.code]: value })}
                />
              ))}
            </div>
            <Space>
              <Button type="primary" loading={busy} disabled={!dirty} onClick={() => void save()} data-testid="save-config">
                {t('admin.plugins.save')}
              </Button>
              <Button disabled={!dirty} onClick={() => (setDraft(saved), setErrors(new Map()), setGeneral([]))}>
                {t('admin.plugins.discard')}
              </Button>
            </Space>
          </>
        ) : (
          <Typography.Text type="warning">{t('admin.plugins.notShipped')}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
