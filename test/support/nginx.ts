import { spawn, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';

export interface RunningNginx {
  /** `http://127.0.0.1:<port>`: the load balancer's address. */
  origin: string;
  /** The master process (its workers are its children). */
  pid: number;
  stop(): Promise<void>;
  /** nginx's error log (for a failure's report). */
  log(): string;
}

/**
 * The nginx configuration for Redress processes on `upstreamPorts` of 127.0.0.1, listening on
 * `port`, with every path of its own under `prefix` (pid, logs, temporary files) so that it
 * runs without root and beside any other nginx. docs/scale-out.md explains each setting.
 */
export function redressNginxConfig(prefix: string, port: number, upstreamPorts: number[], { asRoot = false } = {}): string {
  const at = (name: string) => path.join(prefix, name);
  return `# Generated for a test: Redress processes behind one nginx.
${asRoot ? 'user nobody nogroup;\n' : ''}daemon off;
worker_processes 1;
pid ${at('nginx.pid')};
error_log ${at('error.log')} warn;
events { worker_connections 4096; }

http {
  access_log off;
  client_body_temp_path ${at('client_body')};
  proxy_temp_path ${at('proxy')};
  fastcgi_temp_path ${at('fastcgi')};
  uwsgi_temp_path ${at('uwsgi')};
  scgi_temp_path ${at('scgi')};

  # A WebSocket upgrade is passed on as one; any other request closes its upstream connection
  # after the response.
  map $http_upgrade $connection_upgrade {
    default upgrade;
    ''      close;
  }

  upstream redress {
    # A process that refuses or fails a request is tried again for the next one, not set aside
    # for a while: a restarted process takes requests as soon as it listens.
${upstreamPorts.map((p) => `    server 127.0.0.1:${p} max_fails=0;`).join('\n')}
  }

  server {
    listen 127.0.0.1:${port};
    client_max_body_size 2m;

    location / {
      proxy_pass http://redress;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # Subscriptions stay open for hours; graphql-ws pings keep them alive.
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
      # A request a stopping process did not take (connection refused or reset before an
      # answer, or 503 while it shuts down) goes to the next process, POST included: a
      # Redress process answers 503 only for work it did not start (see docs/scale-out.md).
      proxy_next_upstream error timeout http_503 non_idempotent;
      proxy_next_upstream_timeout 10s;
    }
  }
}
`;
}

/** Starts nginx in the foreground (a child process) with a generated configuration in a folder of its own. */
export async function startNginx(binary: string, upstreamPorts: number[]): Promise<RunningNginx> {
  const prefix = mkdtempSync(path.join(tmpdir(), 'redress-nginx-'));
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  writeFileSync(path.join(prefix, 'nginx.conf'), redressNginxConfig(prefix, port, upstreamPorts, { asRoot }));
  if (asRoot) {
    // Its workers run as nobody and write temporary files under the prefix.
    const nobody = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
    chownSync(prefix, nobody, -1);
  }
  const child = spawn(binary, ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => {
    try {
      return readFileSync(path.join(prefix, 'error.log'), 'utf8').slice(-20_000) + output;
    } catch {
      return output;
    }
  };
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(prefix, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      const reason = log();
      await stop();
      throw new Error(`nginx exited at start:\n${reason}`);
    }
    // Listening once it answers anything (the upstreams may not be up yet: 502).
    const answered = await fetch(`${origin}/healthz`).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`nginx did not listen within 10 s:\n${log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { origin, pid: child.pid!, stop, log };
}
