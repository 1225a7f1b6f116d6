import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the server package lives; static builds are found relative to it. */
export const SERVER_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(SERVER_ROOT, '..');

export type KdfLevel = 'interactive' | 'moderate' | 'min';

/** Everything the server reads from its environment, with the defaults `npm start` uses. */
export interface Config {
  host: string;
  port: number;
  /** Base URL people reach the server on; used in printed links and the demo page. */
  publicUrl: string | null;
  dbPath: string;
  /** The organisation's Ed25519 signing key (only the admin tool and the demo seed read it). */
  orgKeyFile: string;
  demo: boolean;
  logLevel: string;
  /** Argon2id strength for staff passwords created by the admin tool and the demo seed. */
  staffKdf: KdfLevel;
  widgetDist: string;
  consoleDist: string;
}

function kdfLevel(value: string | undefined): KdfLevel {
  if (value === 'moderate' || value === 'min' || value === 'interactive') return value;
  return 'interactive';
}

/** Reads the configuration; every value has a default so `npm start` needs none. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dbPath = path.resolve(REPO_ROOT, env.TSUNAGARI_DB ?? 'data/tsunagari.db');
  return {
    host: env.HOST ?? '127.0.0.1',
    port: env.PORT === undefined ? 8080 : Number(env.PORT),
    publicUrl: env.PUBLIC_URL ?? null,
    dbPath,
    orgKeyFile: path.resolve(REPO_ROOT, env.TSUNAGARI_ORG_KEY_FILE ?? path.join(path.dirname(dbPath), 'org-signing.key')),
    demo: (env.DEMO ?? '0') === '1',
    logLevel: env.LOG_LEVEL ?? 'info',
    staffKdf: kdfLevel(env.STAFF_KDF),
    widgetDist: path.join(REPO_ROOT, 'widget', 'dist'),
    consoleDist: path.join(REPO_ROOT, 'console', 'dist'),
  };
}
