import { Client } from 'pg';

/**
 * Fills a migrated database with `tenants` tenants of `perTenant` complaints each, set-based
 * (INSERT … SELECT generate_series) as the owner, then ANALYZE. Foreign-key triggers are
 * skipped for the load (session_replication_role = replica): every reference is built from
 * rows inserted just before, so the data is consistent by construction.
 */
export async function bulkComplaints(ownerUrl: string, tenants: number, perTenant: number): Promise<void> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`SET session_replication_role = replica`);
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '256MB'`);
    await client.query(
      `INSERT INTO tenants (slug, name, time_zone, locale)
       SELECT 'bulk-' || g, 'Bulk tenant ' || g, 'Asia/Shanghai', 'zh-CN' FROM generate_series(1, $1) g`,
      [tenants],
    );
    await client.query(
      `INSERT INTO customers (tenant_id, name, phone)
       SELECT t.id, 'Customer ' || g, '1380000' || lpad(g::text, 4, '0')
         FROM tenants t CROSS JOIN generate_series(1, 20) g WHERE t.slug LIKE 'bulk-%'`,
    );
    await client.query(
      `INSERT INTO complaints (tenant_id, number, tracking_code, status, channel, received_at, description, demands,
                               customer_id, category_code, priority, plugin_id, plugin_version)
       SELECT t.id, g,
              upper(substr(md5(t.id::text || g), 1, 4) || '-' || substr(md5(t.id::text || g), 5, 4) || '-' ||
                    substr(md5(t.id::text || g), 9, 4) || '-' || substr(md5(t.id::text || g), 13, 4)),
              (ARRAY['RECEIVED','ACKNOWLEDGED','ACCEPTED','ASSIGNED','INVESTIGATING','CLOSED'])[1 + g % 6],
              (ARRAY['PHONE','WEB','EMAIL','IN_PERSON'])[1 + g % 4],
              timestamptz '2026-01-01' + g * interval '37 minutes',
              'Complaint ' || g || ': the product bought in store ' || (g % 40) || ' does not work as promised.',
              ARRAY['REPAIR'],
              c.id,
              (ARRAY['product.quality','service.attitude','price','delivery'])[1 + g % 4],
              'NORMAL', 'default', '1.0.0'
         FROM tenants t
         CROSS JOIN generate_series(1, $1) g
         JOIN LATERAL (SELECT id FROM customers cu WHERE cu.tenant_id = t.id ORDER BY cu.id OFFSET (g % 20) LIMIT 1) c ON true
        WHERE t.slug LIKE 'bulk-%'`,
      [perTenant],
    );
    await client.query(`ANALYZE tenants, customers, complaints`);
  } finally {
    await client.end();
  }
}
