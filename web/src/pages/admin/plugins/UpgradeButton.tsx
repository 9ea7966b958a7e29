import { UpgradePluginDocument, type InstalledPluginFieldsFragment } from '@redress/client-sdk';
import { Alert, Button, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useClient } from '../../../api/data';
import { useT } from '../../../i18n/i18n';
import { changedArguments, hasChanges, pluginChanges, type AvailablePlugin } from './plugin-changes';

interface UpgradeButtonProps {
  installed: InstalledPluginFieldsFragment;
  current: AvailablePlugin;
  /** Every version of this plugin the server ships. */
  versions: AvailablePlugin[];
  onUpgraded(): Promise<void>;
}

/** Moves to another version, after showing what changes: rules added, removed, or with other defaults. */
export function UpgradeButton({ installed, current, versions, onUpgraded }: UpgradeButtonProps) {
  const { t } = useT();
  const client = useClient();
  const others = versions.filter((version) => version.version !== installed.version);
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<string | undefined>(others[0]?.version);
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  if (others.length === 0) return null;
  const chosen = others.find((version) => version.version === target) ?? others[0];
  const changes = pluginChanges(current, chosen);

  const upgrade = async () => {
    setBusy(true);
    try {
      const result = await client.mutate(UpgradePluginDocument, { input: { pluginId: installed.pluginId, version: chosen.version } });
      if (!result.ok) {
        setProblems(result.errors.map((error) => (error.field ? `${error.field}: ${error.message}` : error.message)));
        return;
      }
      setOpen(false);
      await onUpgraded();
    } finally {
      setBusy(false);
    }
  };

  const list = (title: string, items: string[]) =>
    items.length > 0 && (
      <div>
        <Typography.Text strong>{title}</Typography.Text>
        <ul style={{ margin: 0 }}>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </div>
    );

  return (
    <>
      <Button onClick={() => (setProblems([]), setOpen(true))} data-testid="upgrade">
        {t('admin.plugins.changeVersion')}
      </Button>
      <Modal
        open={open}
        title={t('admin.plugins.changeVersionTitle', { plugin: current.title })}
        okText={t('admin.plugins.changeVersionTo', { version: chosen.version })}
        cancelText={t('admin.cancel')}
        confirmLoading={busy}
        onOk={() => void upgrade()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            aria-label={t('admin.plugins.version')}
            value={chosen.version}
            options={others.map((version) => ({ value: version.version, label: version.version }))}
            onChange={(value: string) => setTarget(value)}
          />
          <Typography.Text type="secondary">{t('admin.plugins.configKept')}</Typography.Text>
          <div data-testid="upgrade-changes">
            {!hasChanges(changes) && <Typography.Text>{t('admin.plugins.noRuleChanges')}</Typography.Text>}
            {list(
              t('admin.plugins.rulesAdded'),
              changes.addedRules.map((rule) => `${rule.code}: ${rule.description}`),
            )}
            {list(
              t('admin.plugins.rulesRemoved'),
              changes.removedRules.map((rule) => `${rule.code}: ${rule.description}`),
            )}
            {list(
              t('admin.plugins.rulesChanged'),
              changes.changedRules.map((rule) => {
                const args = changedArguments(rule.from, rule.to).map(
                  (arg) => `${arg.name ? `${arg.name} ` : ''}${JSON.stringify(arg.from) ?? '—'} → ${JSON.stringify(arg.to) ?? '—'}`,
                );
                const described = rule.descriptionChanged ? [t('admin.plugins.newDescription', { description: rule.description })] : [];
                return `${rule.code}: ${[...args, ...described].join('; ')}`;
              }),
            )}
            {list(t('admin.plugins.categoriesAdded'), changes.addedCategories)}
            {list(t('admin.plugins.categoriesRemoved'), changes.removedCategories)}
            {list(t('admin.plugins.rolesAdded'), changes.addedRoles)}
            {list(t('admin.plugins.departmentsAdded'), changes.addedDepartments)}
          </div>
          {problems.length > 0 && <Alert type="error" showIcon role="alert" title={problems.join(' ')} />}
        </Space>
      </Modal>
    </>
  );
}
