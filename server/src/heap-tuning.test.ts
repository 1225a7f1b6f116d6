import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../node-flags.mjs';
import { loadConfig, REPO_ROOT, SERVER_ROOT } from './config.js';
import { DEFAULT_HEAP_GROWING_PERCENT, missingNodeFlags } from './heap-tuning.js';

/**
 * The old generation's next limit over its live size after one full collection, as V8 reports it
 * (`--trace-gc-verbose`), in a fresh Node process that called tuneHeapGrowth(percent) first.
 */
function growingFactorAfter(percent: number): number {
  const script = `const { tuneHeapGrowth } = await import('./src/heap-tuning.ts'); tuneHeapGrowth(${percent}); gc();`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', '--trace-gc-verbose', '--input-type=module', '-e', script], {
    cwd: SERVER_ROOT,
    encoding: 'utf8',
  });
  const factor = /\[HeapController\] Limit: .*\(([\d.]+)\)/.exec(out)?.[1];
  if (factor === undefined) throw new Error(`no heap limit line in:\n${out.slice(0, 2000)}`);
  return Number(factor);
}

describe('heap tuning', () => {
  it('sets how far the old generation grows before the next full collection', () => {
    expect(growingFactorAfter(150)).toBe(2.5);
    expect(growingFactorAfter(40)).toBe(1.4);
    // 0 leaves V8's own choice (4.0 at the first collection, before it has measured any speeds).
    expect(growingFactorAfter(0)).not.toBe(1);
  });

  it('is 150 % unless TSUNAGARI_HEAP_GROWING_PERCENT says otherwise', () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(DEFAULT_HEAP_GROWING_PERCENT);
    expect(DEFAULT_HEAP_GROWING_PERCENT).toBe(150);
    expect(loadConfig({ TSUNAGARI_HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(() => loadConfig({ TSUNAGARI_HEAP_GROWING_PERCENT: '2.5x' })).toThrow(/TSUNAGARI_HEAP_GROWING_PERCENT/);
  });

  it('names the launch flags a hand-started server is missing', () => {
    expect(missingNodeFlags(['--enable-source-maps'])).toEqual(['--max-semi-space-size=32']);
    expect(missingNodeFlags(['--enable-source-maps'], '--max-semi-space-size=32 --trace-warnings')).toEqual([]);
    expect(missingNodeFlags([...SERVER_NODE_FLAGS])).toEqual([]);
  });

  it('keeps the written-out launch commands in step with node-flags.mjs', () => {
    const command = `node ${SERVER_NODE_FLAGS.join(' ')} dist/main.js`;
    const pkg = JSON.parse(fs.readFileSync(path.join(SERVER_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
    expect(pkg.scripts.start).toBe(command);
    expect(fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')).toContain(`\`${command}\``);
  });
});
