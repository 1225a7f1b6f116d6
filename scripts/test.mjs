// `npm test`: set up what the tests need, type-check, run the unit/integration tests (vitest)
// and the browser tests (Playwright in Debian's Chromium), then print one summary line
// `N passed, N failed, N skipped` and exit non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, ensurePnpm, installDependencies, run, step } from './bootstrap.mjs';
import { NGINX, ensureNginx, ensurePostgres, ensureRedis } from './debian-services.mjs';
import { seedServerTemplates } from './e2e-templates.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VITEST_JSON = path.join(ROOT, '.vitest-results.json');
const PLAYWRIGHT_JSON = path.join(ROOT, '.playwright-results.json');

/** Debian's Chromium: Playwright cannot download its own browser on this network. */
function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  if (process.getuid?.() !== 0) {
    throw Object.assign(new Error(`Chromium not found at ${CHROMIUM}. Install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH.`), { exitCode: 2 });
  }
  step('Installing Debian Chromium for the browser tests (once, about a minute)');
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
}

/**
 * Japanese fonts, so that the screenshots the browser tests save can be read by a person. Not
 * needed for the tests to pass; skipped quietly where it cannot be installed.
 */
function ensureJapaneseFonts() {
  const found = spawnSync('fc-list', [':lang=ja'], { encoding: 'utf8' });
  if (found.status === 0 && found.stdout.trim()) return;
  if (process.getuid?.() !== 0) return;
  step('Installing Japanese fonts for readable screenshots (once)');
  spawnSync('apt-get', ['install', '-y', '-qq', 'fonts-ipafont-gothic'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Runs a step that may fail without stopping the others; returns whether it passed. */
function attempt(label, cmd, args, env = {}) {
  step(label);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

/** Processes started in a session of their own (low priority), to stop if this one is stopped. */
const ownSessions = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const pid of ownSessions) {
      try {
        process.kill(-pid, signal);
      } catch {
        // already gone
      }
    }
    process.exit(130);
  });
}

/**
 * Sets the priority of a session started for a step (its leader's pid): nice for each of its
 * processes, and, where the kernel groups processes by session (autogroup: each session's
 * processes share one weight, so nice alone would weigh only inside its own session), its group's
 * nice too. 19 puts it behind everything else on the machine's cores; 0 gives it back its share.
 * Best effort: where it cannot be set, the step runs at the priority it has.
 */
function setSessionPriority(sid, nice) {
  try {
    fs.writeFileSync(`/proc/${sid}/autogroup`, String(nice));
  } catch {
    // no autogroup scheduling here
  }
  let pids = [sid];
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid pgrp session …"; comm may hold spaces.
    pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
      try {
        return Number(fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]?.split(' ')[3]) === sid;
      } catch {
        return false;
      }
    }).map(Number);
  } catch {
    // no /proc: the leader alone (its children inherit its nice when it is lowered at the start)
  }
  for (const pid of pids) {
    try {
      os.setPriority(pid, nice);
    } catch {
      // gone, or not allowed (raising it back needs privileges)
    }
  }
}

/**
 * Runs a step beside others: its output goes out line by line, each line marked with `tag`, so
 * the two streams stay readable. Resolves to whether it passed. `session`: started in a session of
 * its own at nice 19 ({@link setSessionPriority}); the function is given its id (to raise it later).
 */
function attemptBeside(tag, label, cmd, args, env = {}, { session } = {}) {
  step(`${label} [${tag}]`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, detached: Boolean(session) });
    if (session && child.pid) {
      setSessionPriority(child.pid, 19);
      session(child.pid);
      ownSessions.add(child.pid);
      child.on('close', () => ownSessions.delete(child.pid));
    }
    for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      let rest = '';
      from.on('data', (chunk) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) to.write(`[${tag}] ${line}\n`);
      });
      from.on('end', () => rest && to.write(`[${tag}] ${rest}\n`));
    }
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}

/** Wall time of each phase, printed before the summary line (where the minutes go). */
const phases = [];
async function timed(name, fn, note = '') {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    phases.push({ name, ms: performance.now() - started, note });
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
/** Removes the browser tests' seeded databases (once seeded). */
let removeTemplates = () => {};
const suiteStarted = performance.now();
try {
  const pnpm = await timed('install', () => {
    const bin = ensurePnpm();
    installDependencies(bin);
    return bin;
  });
  await timed('chromium and nginx', () => {
    ensureChromium();
    ensureNginx();
    ensureRedis();
    ensurePostgres();
    ensureJapaneseFonts();
  });

  // Type-checking (one tsc process: shared is checked once, then each package against its
  // declarations) and the build (vite, esbuild, compression) share nothing: run them side by side.
  // Once the build is done, the browser tests' seeded demo databases are made beside the rest of
  // the type-check (one after the other), or the tests start at once beside it (side by side); a
  // failed type-check counts as one failed check either way.
  //
  // vitest, then Playwright, each at normal priority. `--side-by-side` runs vitest beside
  // Playwright, behind everything else until the browser tests are done (setSessionPriority), then
  // at its full share: the browser tests mostly wait — on pages, sockets and assertions' polling —
  // and used ~1 of the 2 cores alone, while vitest's workers fill both. At equal priority each
  // slowed the other (the waiting tests' every step queued behind vitest's workers in one session:
  // 7 min 28 s against 6 min 48 s one after the other, docs/performance.md); behind, vitest takes
  // the cores the browser tests leave idle. Not the default until measured on a quiet machine
  // (docs/performance.md, "Fifth pass"). The browser tests' seeded demo databases
  // (scripts/e2e-templates.mjs: ~10 s of Argon2id and server starts) are made first; Playwright
  // inherits where they are.
  const oneAfterOther = !process.argv.includes('--side-by-side');
  const typechecked = timed('typecheck', () => attemptBeside('typecheck', 'Type-checking every package', pnpm, ['run', 'typecheck']), '(beside the build)');
  const builtOk = await timed('build', () => attemptBeside('build', 'Building the server, the widget and the console', pnpm, ['run', 'build']), '(beside the type-check)');
  if (!builtOk) {
    await typechecked;
    throw Object.assign(new Error('the build failed: no tests were run'), { exitCode: 1 });
  }

  for (const f of [VITEST_JSON, PLAYWRIGHT_JSON]) fs.rmSync(f, { force: true });
  const vitestArgs = ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`];
  const playwrightArgs = ['--filter', '@tsunagari/e2e', 'exec', 'playwright', 'test'];
  const playwrightEnv = { PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON, CHROMIUM_PATH: CHROMIUM, NGINX_PATH: NGINX };
  const unitLabel = 'Unit and integration tests (vitest)';
  const e2eLabel = 'Browser tests (Playwright, Chromium)';
  const seed = (note) =>
    timed('e2e seed', () => seedServerTemplates(), note).then(
      (remove) => (removeTemplates = remove),
      (err) => process.stderr.write(`Seeding the browser tests' databases failed; Playwright's global setup tries again: ${err.message}\n`),
    );
  let typesOk, unitOk, e2eOk;
  if (oneAfterOther) {
    await seed('(beside the type-check)');
    typesOk = await typechecked;
    unitOk = await timed('vitest', () => attempt(unitLabel, pnpm, vitestArgs));
    e2eOk = await timed('playwright', () => attempt(e2eLabel, pnpm, playwrightArgs, playwrightEnv));
  } else {
    let vitestSession = 0;
    const unitRun = timed('vitest', () => attemptBeside('vitest', unitLabel, pnpm, vitestArgs, {}, { session: (sid) => (vitestSession = sid) }), '(behind the browser tests while they run)');
    await seed('(beside vitest and the type-check)');
    const e2eRun = timed('playwright', () => attemptBeside('playwright', e2eLabel, pnpm, playwrightArgs, playwrightEnv), '(vitest behind it)').then((passed) => {
      // What is left of vitest gets its full share back: on a machine others keep busy, 19 would
      // leave it a sliver of a core after the browser tests are done.
      if (vitestSession) setSessionPriority(vitestSession, 0);
      return passed;
    });
    [typesOk, unitOk, e2eOk] = await Promise.all([typechecked, unitRun, e2eRun]);
  }
  // A failed type-check counts as one failed check: the code does not hold together.
  if (!typesOk) {
    totals.failed += 1;
    ok = false;
  }
  const unit = readJson(VITEST_JSON);
  if (unit) {
    totals.passed += unit.numPassedTests;
    totals.failed += unit.numFailedTests;
    totals.skipped += unit.numPendingTests + unit.numTodoTests;
    // A suite that failed to load has no tests to count: count it as a failure.
    if (!unitOk && unit.numFailedTests === 0) totals.failed += Math.max(1, unit.numFailedTestSuites);
  } else if (!unitOk) totals.failed += 1;
  ok &&= unitOk;

  const e2e = readJson(PLAYWRIGHT_JSON);
  if (e2e) {
    totals.passed += e2e.stats.expected + e2e.stats.flaky;
    totals.failed += e2e.stats.unexpected;
    totals.skipped += e2e.stats.skipped;
    if (!e2eOk && e2e.stats.unexpected === 0) totals.failed += 1;
  } else if (!e2eOk) totals.failed += 1;
  ok &&= e2eOk;
} catch (err) {
  process.stderr.write(`\n${err.message}\n`);
  totals.failed += 1;
  ok = false;
}

removeTemplates();

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
process.stdout.write('\nWall time by phase:\n');
for (const p of phases) process.stdout.write(`  ${p.name.padEnd(11)} ${seconds(p.ms).padStart(8)} ${p.note}\n`.trimEnd() + '\n');
process.stdout.write(`  ${'total'.padEnd(11)} ${seconds(performance.now() - suiteStarted).padStart(8)}\n`);
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
