import type { ComplaintPlugin } from '@redress/plugin-api';
import { defaultPlugin } from '@redress/plugin-default';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Plugin versions ordered by semver precedence over HTTP: a pre-release comes before its
 * release, numeric identifiers compare as numbers (beta.10 after beta.2, 1.10.0 after 1.9.0).
 */
function renamed(plugin: ComplaintPlugin, id: string, version: string): ComplaintPlugin {
  const rename = <T extends { code: string }>(rule: T): T => ({ ...rule, code: rule.code.replace(/^[^.]+\./, `${id}.`) });
  return {
    ...plugin,
    id,
    version,
    rules: Object.fromEntries(Object.entries(plugin.rules).map(([key, rule]) => [key, rename(rule)])) as ComplaintPlugin['rules'],
    findings: plugin.findings.map(rename),
  };
}

// Registered out of order on purpose.
const VERSIONS = ['1.1.0', '1.10.0-rc.1', '1.1.0-beta.10', '1.9.0', '1.1.0-beta.2', '1.0.0'];
const ORDERED = ['1.0.0', '1.1.0-beta.2', '1.1.0-beta.10', '1.1.0', '1.9.0', '1.10.0-rc.1'];

let server: TestServer;
let admin: string;

beforeAll(async () => {
  server = await startTestServer({}, { plugins: [defaultPlugin, ...VERSIONS.map((version) => renamed(defaultPlugin, 'staged', version))] });
  admin = (await server.createTenant('versions')).adminToken;
});

afterAll(async () => {
  await server?.stop();
});

const mutate = (name: 'installPlugin' | 'upgradePlugin', input: Record<string, unknown>) =>
  server.request(
    `mutation ($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { plugin { version } errors { code field } } }`,
    { input },
    { token: admin },
  );

describe('plugin versions', () => {
  it('lists a plugin’s versions in semver order, pre-releases before their release', async () => {
    const result = await server.request(`{ availablePlugins { id version } }`, {}, { token: admin });
    const staged = result.data.availablePlugins.filter((p: any) => p.id === 'staged').map((p: any) => p.version);
    expect(staged).toEqual(ORDERED);
  });

  it('installs the highest version when none is named', async () => {
    const installed = await mutate('installPlugin', { pluginId: 'staged' });
    expect(installed.data.installPlugin).toEqual({ plugin: { version: '1.10.0-rc.1' }, errors: [] });
    await server.ownerQuery('DELETE FROM tenant_plugins');
  });

  it('upgrades from a pre-release to a later one and to its release, never back', async () => {
    expect((await mutate('installPlugin', { pluginId: 'staged', version: '1.1.0-beta.2' })).data.installPlugin.errors).toEqual([]);
    expect((await mutate('upgradePlugin', { pluginId: 'staged', version: '1.1.0-beta.10' })).data.upgradePlugin).toEqual({
      plugin: { version: '1.1.0-beta.10' },
      errors: [],
    });
    expect((await mutate('upgradePlugin', { pluginId: 'staged', version: '1.1.0' })).data.upgradePlugin).toEqual({
      plugin: { version: '1.1.0' },
      errors: [],
    });
    for (const older of ['1.1.0-beta.10', '1.1.0', '1.0.0']) {
      expect((await mutate('upgradePlugin', { pluginId: 'staged', version: older })).data.upgradePlugin.errors).toEqual([
        expect.objectContaining({ code: 'INVALID_INPUT', field: 'version' }),
      ]);
    }
  });
});
