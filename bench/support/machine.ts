import os from 'node:os';
import { Client } from 'pg';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  postgres: string;
  os: string;
}

/** What the numbers were measured on. */
export async function describeMachine(databaseUrl: string): Promise<Machine> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query(`SELECT current_setting('server_version') AS version`);
  await client.end();
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres: `PostgreSQL ${rows[0].version}`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
