import { type ChildProcessByStdio, spawn } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SERVER_ROOT } from '../src/config.js';

/** A relay started as `npm start` runs it (`main.ts` in a process of its own). */
export interface RelayProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  /** Everything it wrote so far, stdout and stderr. */
  out(): string;
  /** Its exit code once it exits, or the name of the signal that ended it. */
  exited: Promise<number | string | null>;
}

/** A relay spawned but not yet known to be listening. */
export interface SpawnedRelay extends RelayProcess {
  /** Resolves once its banner says it listens (and `until` holds); rejects with its output if it exits first. */
  up: Promise<void>;
}

/** Spawns the relay with `env` on top of the test's environment, without waiting for it. */
export function spawnRelayProcess(env: NodeJS.ProcessEnv, until: RegExp = /listening on/): SpawnedRelay {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(SERVER_ROOT, 'src', 'main.ts')], {
    cwd: SERVER_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => void (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (out += d.toString()));
  // Its exit code, or the signal that ended it (a relay that dies by a signal must say which).
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const up = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => /listening on/.test(out) && until.test(out) && resolve());
    void exited.then((code) => reject(new Error(`the relay exited (${code}):\n${out}`)));
  });
  // A test that never waits for it must not see an unhandled rejection when it exits.
  up.catch(() => undefined);
  return { child, out: () => out, exited, up };
}

/**
 * Spawns the relay with `env` on top of the test's environment and resolves once its banner says
 * it listens (and holds `until`, when given); rejects with what it wrote if it exits first.
 */
export async function startRelayProcess(env: NodeJS.ProcessEnv, until: RegExp = /listening on/): Promise<RelayProcess> {
  const { up, ...relay } = spawnRelayProcess(env, until);
  await up;
  return relay;
}
