import { AvailablePluginsDocument, CurrentTenantDocument, InstallPluginDocument } from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Popconfirm, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useClient } from '../../../api/data';
import { useT } from '../../../i18n/i18n';
import { SectionProblem } from '../SectionProblem';
import { InstalledPluginCard } from './InstalledPluginCard';
import { byNewestVersion, type AvailablePlugin } from './plugin-changes';

/** The plugins: those installed with their rules to configure, and every plugin the server ships to install. */
export default function PluginsSection() {
  const { t, locale } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const available = useQuery({ queryKey: ['availablePlugins', locale], queryFn: () => client.query(AvailablePluginsDocument) });
  const tenant = useQuery({ queryKey: ['admin', 'tenant', locale], queryFn: () => client.query(CurrentTenantDocument) });
  const [problem, setProblem] = useState<string | null>(null);

  if (available.error || tenant.error) return <SectionProblem problem={available.error ?? tenant.error} />;
  if (!available.data || !tenant.data) return <Spin />;

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['admin', 'tenant'] });
  };
  const versionsOf = (id: string) => available.data.availablePlugins.filter((plugin) => plugin.id === id).sort(byNewestVersion);
  const installed = tenant.data.tenant.plugins;
  const installedIds = new Set(installed.map((plugin) => plugin.pluginId));
  const ids = [...new Set(available.data.availablePlugins.map((plugin) => plugin.id))];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.plugins.installed')}
      </Typography.Title>
      {installed.length === 0 && <Typography.Text type="secondary">{t('admin.plugins.noneInstalled')}</Typography.Text>}
      {installed.map((plugin) => (
        <InstalledPluginCard
          key={`${plugin.pluginId}@${plugin.version}:${JSON.stringify(plugin.config)}`}
          installed={plugin}
          described={versionsOf(plugin.pluginId).find((version) => version.version === plugin.version) ?? null}
          versions={versionsOf(plugin.pluginId)}
          onChanged={refresh}
        />
      ))}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.plugins.available')}
      </Typography.Title>
      {problem && <Alert type="error" showIcon role="alert" title={problem} closable onClose={() => setProblem(null)} />}
      <Table<string>
        data-testid="available-plugins"
        size="small"
        pagination={false}
        rowKey={(id) => id}
        dataSource={ids}
        columns={[
          { title: t('admin.plugins.plugin'), render: (_, id) => <PluginTitle plugin={versionsOf(id)[0]} /> },
          {
            title: t('admin.plugins.versions'),
            render: (_, id) => versionsOf(id).map((version) => <Tag key={version.version}>{version.version}</Tag>),
          },
          {
            title: t('admin.plugins.state'),
            render: (_, id) =>
              installedIds.has(id) ? (
                <Tag color="green">{t('admin.plugins.isInstalled')}</Tag>
              ) : (
                <InstallControl versions={versionsOf(id)} onInstalled={refresh} onProblem={setProblem} />
              ),
          },
        ]}
      />
    </Space>
  );
}

function PluginTitle({ plugin }: { plugin: AvailablePlugin }) {
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text strong>{plugin.title}</Typography.Text>
      <Typography.Text type="secondary">{plugin.description}</Typography.Text>
    </Space>
  );
}

function InstallControl({
  versions,
  onInstalled,
  onProblem,
}: {
  versions: AvailablePlugin[];
  onInstalled(): Promise<void>;
  onProblem(problem: string): void;
}) {
  const { t } = useT();
  const client = useClient();
  const [version, setVersion] = useState(versions[0].version);
  const chosen = versions.find((candidate) => candidate.version === version) ?? versions[0];
  const install = async () => {
    const result = await client.mutate(InstallPluginDocument, { input: { pluginId: chosen.id, version: chosen.version } });
    if (!result.ok) onProblem(result.errors.map((error) => error.message).join(' '));
    else await onInstalled();
  };
  const seeds = [...chosen.departments.map((department) => department.label), ...chosen.roles.map((role) => role.label)];
  return (
    <Space>
      <Select
        aria-label={t('admin.plugins.version')}
        size="small"
        value={version}
        options={versions.map((candidate) => ({ value: candidate.version, label: candidate.version }))}
        onChange={(value: string) => setVersion(value)}
      />
      <Popconfirm
        title={t('admin.plugins.installConfirm', { plugin: chosen.title, version: chosen.version })}
        description={
          <div style={{ maxWidth: 360 }}>
            {t('admin.plugins.installEffect', { rules: chosen.rules.length, categories: chosen.categories.length })}
            {seeds.length > 0 && ` ${t('admin.plugins.installSeeds', { seeds: seeds.join(', ') })}`}
          </div>
        }
        okText={t('admin.plugins.install')}
        cancelText={t('admin.cancel')}
        onConfirm={install}
      >
        <Button size="small" type="primary" data-testid={`install-${chosen.id}`}>
          {t('admin.plugins.install')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
