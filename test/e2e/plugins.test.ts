import { allRules, defineRule, type ComplaintPlugin } from '@redress/plugin-api';
import { defaultPlugin } from '@redress/plugin-default';
import { z } from 'zod';
import { change, createStaffedTenant, fileComplaint, SAMPLE_COMPLAINT, type Staff } from '../support/complaint-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The plugin host over HTTP: install, configure, upgrade, uninstall, with a plugin shipped
 * in two versions. Version 2 acknowledges in 2 hours instead of 1 and records an order number.
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

const exampleV1 = {
  ...renamed(defaultPlugin, 'example', '1.0.0'),
  roles: [{ code: 'general-manager', label: { en: 'General manager', 'zh-CN': '总经理' } }],
};
const v2Base = renamed(defaultPlugin, 'example', '2.0.0');
const exampleV2: ComplaintPlugin = {
  ...exampleV1,
  version: '2.0.0',
  intakeFields: [
    { key: 'orderNumber', label: { en: 'Order number', 'zh-CN': '订单号' }, schema: z.string().regex(/^SO-\d{4,}$/), required: true },
  ],
  rules: {
    ...v2Base.rules,
    deadlines: defineRule({
      ...v2Base.rules.deadlines,
      args: z.object({ acknowledgeHours: z.number().positive().default(2) }),
      evaluate: ({ start }, args) =>
        start === 'RECEIVED' ? [{ stage: 'ACKNOWLEDGE' as const, amount: args.acknowledgeHours, unit: 'hours' as const }] : [],
    }),
  },
};

let server: TestServer;
let staff: Staff;

beforeAll(async () => {
  server = await startTestServer({}, { plugins: [defaultPlugin, exampleV1, exampleV2] });
  ({ staff } = await createStaffedTenant(server, 'plugins'));
});

afterAll(async () => {
  await server?.stop();
});

const INSTALLED = `plugin { pluginId version config } tenant { plugins { pluginId version } } errors { code field message }`;
const mutate = (name: string, input: Record<string, unknown>, token = staff.admin) =>
  server.request(
    `mutation ($input: ${name[0].toUpperCase()}${name.slice(1)}Input!) { ${name}(input: $input) { ${name === 'uninstallPlugin' ? 'pluginId errors { code field }' : INSTALLED} } }`,
    { input },
    { token },
  );
const ackHours = (complaint: any) => {
  const ack = complaint.deadlines.find((d: any) => d.stage === 'ACKNOWLEDGE');
  return Math.round((Date.parse(ack.dueAt) - server.clock.now().getTime()) / 3_600_000);
};

describe('plugins', () => {
  it('lists what the server ships, with rules, defaults and a config schema', async () => {
    const result = await server.request(
      `{ availablePlugins { id version title combinable roles { value } departments { value } rules { code defaults } configSchema intakeFields { key required } } }`,
      {},
      { token: staff.agent, headers: { 'accept-language': 'en' } },
    );
    const list = result.data.availablePlugins;
    expect(list.map((p: any) => `${p.id}@${p.version}`)).toEqual(['default@1.0.0', 'example@1.0.0', 'example@2.0.0']);
    // A tenant runs one plugin at a time: none is offered for installing beside another.
    expect(list.map((p: any) => p.combinable)).toEqual([false, false, false]);
    const v2 = list[2];
    expect(v2.intakeFields).toEqual([{ key: 'orderNumber', required: true }]);
    expect(v2.rules.find((r: any) => r.code === 'example.deadlines').defaults).toEqual({ acknowledgeHours: 2 });
    expect(Object.keys(v2.configSchema.properties)).toEqual(allRules(exampleV2).map((r) => r.code));
  });

  it('lets only tenant administrators change plugins', async () => {
    for (const token of [staff.supervisor, staff.agent]) {
      const result = await mutate('installPlugin', { pluginId: 'example', version: '1.0.0' }, token);
      expect(result.errors).toBeUndefined();
      expect(result.data.installPlugin).toEqual({
        plugin: null,
        tenant: null,
        errors: [{ code: 'FORBIDDEN', field: null, message: expect.stringContaining('tenant-admin') }],
      });
    }
    const [{ n }] = await server.ownerQuery('SELECT count(*)::int AS n FROM tenant_plugins');
    expect(n).toBe(0);
  });

  it('refuses an unknown plugin or version and a bad configuration, installing nothing', async () => {
    expect((await mutate('installPlugin', { pluginId: 'nope' })).data.installPlugin.errors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', field: 'pluginId' }),
    ]);
    expect((await mutate('installPlugin', { pluginId: 'example', version: '9.9.9' })).data.installPlugin.errors).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', field: 'version' }),
    ]);
    const bad = await mutate('installPlugin', {
      pluginId: 'example',
      version: '1.0.0',
      config: { 'example.deadlines': { acknowledgeHours: -1 }, 'example.nonsense': {} },
    });
    expect(bad.data.installPlugin.errors.map((e: any) => e.field).sort()).toEqual(['config', 'config.example.deadlines.acknowledgeHours']);
    const [{ n }] = await server.ownerQuery('SELECT count(*)::int AS n FROM tenant_plugins');
    expect(n).toBe(0);
  });

  it('installs with a configuration, seeds departments and roles, and governs new complaints', async () => {
    const installed = await mutate('installPlugin', {
      pluginId: 'example',
      version: '1.0.0',
      config: { 'example.deadlines': { acknowledgeHours: 3 } },
    });
    expect(installed.data.installPlugin.errors).toEqual([]);
    expect(installed.data.installPlugin.plugin.config['example.deadlines']).toMatchObject({ acknowledgeHours: 3, assessHours: 4 });
    expect(installed.data.installPlugin.tenant.plugins).toEqual([{ pluginId: 'example', version: '1.0.0' }]);
    const tenant = await server.request(
      `{ tenant { roles { value } } departments(first: 100) { edges { node { code } } } }`,
      {},
      { token: staff.admin },
    );
    expect(tenant.data.tenant.roles.map((r: any) => r.value)).toContain('general-manager');
    expect(tenant.data.departments.edges.map((e: any) => e.node.code)).toEqual(expect.arrayContaining(['quality', 'sales', 'logistics']));
    // The new role can now be given to a member.
    const role = await server.request(
      `mutation { createApiKey(input: { name: "gm", roles: ["general-manager"] }) { errors { code } } }`,
      {},
      { token: staff.admin },
    );
    expect(role.data.createApiKey.errors).toEqual([]);
    const again = await mutate('installPlugin', { pluginId: 'default' });
    expect(again.data.installPlugin.errors).toEqual([expect.objectContaining({ code: 'PLUGIN_CONFLICT' })]);

    const complaint = await fileComplaint(server, staff.agent);
    const governed = await server.request(
      `query ($id: ID!) { complaint(id: $id) { governedBy { pluginId version } } }`,
      { id: complaint.id },
      { token: staff.agent },
    );
    expect(governed.data.complaint.governedBy).toEqual({ pluginId: 'example', version: '1.0.0' });
    expect(ackHours(complaint)).toBe(3);
  });

  it('reconfigures and upgrades for new complaints only; a complaint in flight keeps its clocks and chain', async () => {
    const inFlight = await fileComplaint(server, staff.agent);
    expect(
      (await mutate('configurePlugin', { pluginId: 'example', config: { 'example.deadlines': { acknowledgeHours: 5 } } })).data
        .configurePlugin.errors,
    ).toEqual([]);
    expect(ackHours(await fileComplaint(server, staff.agent))).toBe(5);

    const upgraded = await mutate('upgradePlugin', { pluginId: 'example', version: '2.0.0' });
    expect(upgraded.data.upgradePlugin.errors).toEqual([]);
    // The tenant's tuned argument carries over; arguments version 2 no longer has are dropped.
    expect(upgraded.data.upgradePlugin.plugin).toMatchObject({
      version: '2.0.0',
      config: { 'example.deadlines': { acknowledgeHours: 5 } },
    });

    // Version 2 requires an order number in its format.
    const missing = await server.request(
      `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { id } errors { code field } } }`,
      { input: { ...SAMPLE_COMPLAINT, fields: { orderNumber: 'nope', colour: 'red' } } },
      { token: staff.agent },
    );
    expect(missing.data.fileComplaint.errors).toEqual(
      expect.arrayContaining([
        { code: 'INVALID_INPUT', field: 'fields.colour' },
        { code: 'INVALID_INPUT', field: 'fields.orderNumber' },
      ]),
    );
    const withOrder = { ...SAMPLE_COMPLAINT, fields: { orderNumber: 'SO-20261' } };
    expect(ackHours(await fileComplaint(server, staff.agent, withOrder))).toBe(5);
    expect((await mutate('configurePlugin', { pluginId: 'example', config: {} })).data.configurePlugin.errors).toEqual([]);
    expect(ackHours(await fileComplaint(server, staff.agent, withOrder))).toBe(2);

    // The complaint filed under 1.0.0 still runs on it: its next clocks and its approval chain.
    let c = (await change(server, staff.agent, 'acknowledgeComplaint', { complaintId: inFlight.id, expectedVersion: inFlight.version }))
      .complaint;
    c = (
      await change(server, staff.supervisor, 'assessComplaint', {
        complaintId: c.id,
        expectedVersion: c.version,
        decision: 'ACCEPT',
        categoryCode: 'price',
      })
    ).complaint;
    c = (
      await change(server, staff.supervisor, 'assignComplaint', { complaintId: c.id, expectedVersion: c.version, ownerId: staff.handlerId })
    ).complaint;
    expect(c.deadlines.map((d: any) => d.stage)).toEqual(expect.arrayContaining(['INVESTIGATE', 'PROPOSE_RESOLUTION']));
    const events = await server.request(
      `query ($id: ID!) { complaint(id: $id) { governedBy { version } events(first: 10) { edges { node { kind decidedBy } } } } }`,
      { id: c.id },
      { token: staff.agent },
    );
    expect(events.data.complaint.governedBy.version).toBe('1.0.0');
    expect(events.data.complaint.events.edges.find((e: any) => e.node.kind === 'ACCEPTED').node.decidedBy).toBe('example@1.0.0');

    const down = await mutate('upgradePlugin', { pluginId: 'example', version: '1.0.0' });
    expect(down.data.upgradePlugin.errors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: 'version' })]);
  });

  it('uninstalls: new complaints fall back to the default plugin; every change was audited', async () => {
    const result = await mutate('uninstallPlugin', { pluginId: 'example' });
    expect(result.data.uninstallPlugin).toEqual({ pluginId: 'example', errors: [] });
    const complaint = await fileComplaint(server, staff.agent);
    const governed = await server.request(
      `query ($id: ID!) { complaint(id: $id) { governedBy { pluginId } } }`,
      { id: complaint.id },
      { token: staff.agent },
    );
    expect(governed.data.complaint.governedBy.pluginId).toBe('default');
    const audit = await server.ownerQuery(`SELECT action FROM audit_entries WHERE target_type = 'Plugin' ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual([
      'plugin.installed',
      'plugin.configured',
      'plugin.upgraded',
      'plugin.configured',
      'plugin.uninstalled',
    ]);
  });
});
