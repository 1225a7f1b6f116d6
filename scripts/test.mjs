// `npm test`: set up what the tests need, type-check, run the unit/integration tests (vitest)
// and the browser tests (Playwright in Debian's Chromium), then print one summary line
// `N passed, N failed, N skipped` and exit non-zero on any failure.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, ensurePnpm, installDependencies, run, step } from './bootstrap.mjs';
import { FULL_CHROMIUM, HEADLESS_SHELL, chromiumPath } from './chromium.mjs';
import { NGINX, ensureNginx, ensurePostgres, ensureRedis } from './debian-services.mjs';
import { seedServerTemplates } from './e2e-templates.mjs';
import { describeLoad, machineSnapshot } from './machine-load.mjs';

const VITEST_JSON = path.join(ROOT, '.vitest-results.json');
const PLAYWRIGHT_JSON = path.join(ROOT, '.playwright-results.json');

/**
 * Debian's Chromium for the browser tests (Playwright cannot download its own browser on this
 * network): its headless shell, installed when neither it nor CHROMIUM_PATH is there
 * (scripts/chromium.mjs says why). Returns the path, which vitest and Playwright then inherit.
 */
function ensureChromium() {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen && !fs.existsSync(chosen)) throw Object.assign(new Error(`CHROMIUM_PATH names ${chosen}, which does not exist.`), { exitCode: 2 });
  if (chosen || fs.existsSync(HEADLESS_SHELL)) return chromiumPath();
  if (process.getuid?.() !== 0) {
    if (fs.existsSync(FULL_CHROMIUM)) return FULL_CHROMIUM;
    throw Object.assign(new Error(`Chromium not found at ${HEADLESS_SHELL} or ${FULL_CHROMIUM}. Install it (Debian: sudo apt-get install -y chromium-headless-shell) or set CHROMIUM_PATH.`), { exitCode: 2 });
  }
  step("Installing Debian's Chromium headless shell for the browser tests (once, about a minute)");
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', 'chromium-headless-shell'], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  return chromiumPath();
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

/**
 * Runs a step beside others: its output goes out line by line, each line marked with `tag`, so
 * the two streams stay readable. Resolves to whether it passed.
 */
function attemptBeside(tag, label, cmd, args, env = {}) {
  step(`${label} [${tag}]`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
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

/**
 * Wall time of each phase, printed before the summary line (where the minutes go), with how busy
 * the whole machine was meanwhile (scripts/machine-load.mjs).
 */
const phases = [];
async function timed(name, fn, note = '') {
  const started = performance.now();
  const before = machineSnapshot();
  try {
    return await fn();
  } finally {
    phases.push({ name, ms: performance.now() - started, note, load: describeLoad(before, machineSnapshot()) });
  }
}

const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;
/** Removes the browser tests' seeded databases (once seeded). */
let removeTemplates = () => {};
const suiteStarted = performance.now();
const suiteLoad = machineSnapshot();
try {
  const pnpm = await timed('install', () => {
    const bin = ensurePnpm();
    installDependencies(bin);
    return bin;
  });
  await timed('chromium and nginx', () => {
    // vitest's browser project and Playwright both launch this one.
    process.env.CHROMIUM_PATH = ensureChromium();
    ensureNginx();
    ensureRedis();
    ensurePostgres();
    ensureJapaneseFonts();
  });

  // Type-checking (one tsc process: shared is checked once, then each package against its
  // declarations) and the build (vite, esbuild, compression) share nothing: run them side by side.
  // Once the build is done, the browser tests' seeded demo databases (scripts/e2e-templates.mjs:
  // ~10 s of Argon2id and server starts, Playwright's global setup otherwise) are made beside the
  // rest of the type-check, which uses one core; Playwright inherits where they are.
  const built = timed('build', () => attemptBeside('build', 'Building the server, the widget and the console', pnpm, ['run', 'build']), 'beside the type-check');
  const seeded = built.then((builtOk) =>
    builtOk
      ? timed('e2e seed', () => seedServerTemplates(), 'beside the type-check').then(
          (remove) => (removeTemplates = remove),
          (err) => process.stderr.write(`Seeding the browser tests' databases failed; Playwright's global setup tries again: ${err.message}\n`),
        )
      : undefined,
  );
  const [typesOk, builtOk] = await Promise.all([
    timed('typecheck', () => attemptBeside('typecheck', 'Type-checking every package', pnpm, ['run', 'typecheck']), 'beside the build'),
    built,
  ]);
  await seeded;
  // A failed type-check counts as one failed check: the code does not hold together.
  if (!typesOk) {
    totals.failed += 1;
    ok = false;
  }
  if (!builtOk) throw Object.assign(new Error('the build failed: no tests were run'), { exitCode: 1 });

  for (const f of [VITEST_JSON, PLAYWRIGHT_JSON]) fs.rmSync(f, { force: true });
  // vitest, then Playwright. `--side-by-side` runs them at once: the browser tests alone use
  // ~0.7 of a core (200 CPU-s in 5 min) while they mostly wait, but vitest's workers fill both
  // cores and the waiting tests get slower beside them. Not the default: on one fresh clone with
  // nothing else running, side by side took 7 min 28 s and one after the other 6 min 48 s
  // (docs/performance.md).
  const sideBySide = process.argv.includes('--side-by-side');
  const vitestArgs = ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`];
  const playwrightArgs = ['--filter', '@tsunagari/e2e', 'exec', 'playwright', 'test'];
  const playwrightEnv = { PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON, NGINX_PATH: NGINX };
  const unitLabel = 'Unit and integration tests (vitest)';
  const e2eLabel = 'Browser tests (Playwright, Chromium)';
  const [unitOk, e2eOk] = !sideBySide
    ? [
        await timed('vitest', () => attempt(unitLabel, pnpm, vitestArgs)),
        await timed('playwright', () => attempt(e2eLabel, pnpm, playwrightArgs, playwrightEnv)),
      ]
    : await Promise.all([
        timed('vitest', () => attemptBeside('vitest', unitLabel, pnpm, vitestArgs), 'beside Playwright'),
        timed('playwright', () => attemptBeside('playwright', e2eLabel, pnpm, playwrightArgs, playwrightEnv), 'beside vitest'),
      ]);
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
/** One line of the table: name, wall time, then what ran beside it and how busy the machine was. */
const phaseLine = (name, ms, ...details) => {
  const aside = details.filter(Boolean).join('; ');
  return `  ${name.padEnd(11)} ${seconds(ms).padStart(8)} ${aside && `(${aside})`}`.trimEnd() + '\n';
};
for (const p of phases) process.stdout.write(phaseLine(p.name, p.ms, p.note, p.load));
process.stdout.write(phaseLine('total', performance.now() - suiteStarted, describeLoad(suiteLoad, machineSnapshot())));
process.stdout.write(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
