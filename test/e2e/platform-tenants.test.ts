import { startTestServer, type TestServer } from '../support/test-server';

/** `tenants`: platform administrators list every tenant; nobody else may. */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const TENANTS = `{ tenants { slug name timeZone locale holidayRegion } }`;

test('a platform administrator lists every tenant by name; a tenant administrator is refused', async () => {
  const zebra = await server.createTenant('zebra-goods');
  await server.createTenant('alpine-care');
  const listed = await server.request(TENANTS, {}, { token: await server.platformAdminToken() });
  expect(listed.errors).toBeUndefined();
  const mine = (listed.data.tenants as { slug: string }[]).filter((tenant) => ['zebra-goods', 'alpine-care'].includes(tenant.slug));
  // createTenant names them "Tenant <slug>" in Asia/Shanghai, zh-CN, region CN by default.
  expect(mine).toEqual([
    { slug: 'alpine-care', name: 'Tenant alpine-care', timeZone: 'Asia/Shanghai', locale: 'zh-CN', holidayRegion: 'CN' },
    { slug: 'zebra-goods', name: 'Tenant zebra-goods', timeZone: 'Asia/Shanghai', locale: 'zh-CN', holidayRegion: 'CN' },
  ]);

  const refused = await server.request(TENANTS, {}, { token: zebra.adminToken });
  expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(refused.data).toBeNull();
});
