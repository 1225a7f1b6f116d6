import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, runNginx } from '../scripts/cluster-services.mjs';
import { NGINX } from '../scripts/debian-services.mjs';

export { freePort };

/**
 * A real nginx (Debian's nginx-light) run by the current user in a temporary folder, configured
 * with the shipped production example `deploy/nginx/tsunagari.conf` — the same file with only its
 * host names, certificate paths, ports, folders and the relay's address replaced — plus, in the
 * test's own wrapper, a plain static site standing in for the NPO's (the landing page's origin).
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HOSTS = { console: 'console.tsunagari.test', relay: 'relay.tsunagari.test', site: 'www.tsunagari.test' } as const;

/** A self-signed certificate for one host name, valid for a day, where the example expects Let's Encrypt's. */
function throwawayCertificate(certs: string, host: string): void {
  const dir = path.join(certs, host);
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`,
    '-keyout', path.join(dir, 'privkey.pem'), '-out', path.join(dir, 'fullchain.pem'),
  ], { stdio: 'ignore' });
}

/** Replaces each value in the example; a value the example no longer has is an error (the test must test the example). */
export function fromExample(example: string, replacements: [string, string][]): string {
  let conf = example;
  for (const [from, to] of replacements) {
    if (!conf.includes(from)) throw new Error(`deploy/nginx/tsunagari.conf no longer contains "${from}": update e2e/nginx.ts with it`);
    conf = conf.split(from).join(to);
  }
  return conf;
}

export interface RunningNginx {
  /** The https port every host name is served on. */
  port: number;
  pid: number;
  /** `https://<host>:<port>` for each host name. */
  origins: Record<keyof typeof HOSTS, string>;
  /** The configuration generated from the example, as nginx read it. */
  config: string;
  stop(): Promise<void>;
}

/**
 * Starts nginx in `dir` (pid file and logs there) in front of the relay at `relayAddress`
 * (`http://127.0.0.1:PORT`), serving the console bundle in `consoleDir` and the NPO site in `siteDir`.
 */
export async function startNginx(o: { dir: string; consoleDir: string; siteDir: string; relayAddress: string; port: number }): Promise<RunningNginx> {
  if (!fs.existsSync(NGINX)) {
    throw new Error(`nginx not found at ${NGINX}: npm test installs Debian's nginx-light when run as root (apt-get install -y nginx-light), or set NGINX_PATH`);
  }
  const { dir, port } = o;
  const redirectPort = await freePort();
  const certs = path.join(dir, 'certs');
  for (const host of Object.values(HOSTS)) throwawayCertificate(certs, host);
  const origins = {
    console: `https://${HOSTS.console}:${port}`,
    relay: `https://${HOSTS.relay}:${port}`,
    site: `https://${HOSTS.site}:${port}`,
  };
  const example = fs.readFileSync(path.join(REPO_ROOT, 'deploy', 'nginx', 'tsunagari.conf'), 'utf8');
  const config = fromExample(example, [
    ['listen 443 ssl http2;', `listen 127.0.0.1:${port} ssl http2;`],
    ['listen 80;', `listen 127.0.0.1:${redirectPort};`],
    ['/etc/letsencrypt/live/', `${certs}/`],
    // Origins in the policy carry the test's port; bare host names (server_name, certificates) do not.
    ['https://relay.example.org', origins.relay],
    ['wss://relay.example.org', `wss://${HOSTS.relay}:${port}`],
    ['relay.example.org', HOSTS.relay],
    ['console.example.org', HOSTS.console],
    ['/srv/tsunagari-console', o.consoleDir],
    ['127.0.0.1:8080', new URL(o.relayAddress).host],
    ['/var/log/nginx/', `${dir}/`],
  ]);
  fs.writeFileSync(path.join(dir, 'tsunagari.conf'), config);
  // The unprivileged preamble (pid, logs and temp paths in `dir`) is scripts/cluster-services.mjs's.
  const { child, stop } = await runNginx(
    dir,
    port,
    `    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    include ${dir}/tsunagari.conf;
    # The NPO's own site (not part of the example): where the landing page is published.
    server {
        listen 127.0.0.1:${port} ssl http2;
        server_name ${HOSTS.site};
        ssl_certificate ${certs}/${HOSTS.site}/fullchain.pem;
        ssl_certificate_key ${certs}/${HOSTS.site}/privkey.pem;
        root ${o.siteDir};
    }
`,
    { head: '# Written by e2e/nginx.ts: a wrapper around the shipped example (tsunagari.conf beside it).\n', workerConnections: 512 },
  );
  return {
    port,
    pid: child.pid ?? 0,
    origins,
    config,
    stop, // SIGTERM, nginx's fast shutdown: open WebSockets would hold a graceful one
  };
}
