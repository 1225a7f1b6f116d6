import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/config.js';

// Every environment setting is parsed in server/src/config.ts only (SESSION decisions) and must
// have a row in the README's configuration table: an operator reads that table, not config.ts.

/** The setting names config.ts reads: every TSUNAGARI_* it names, and the other `env.NAME`s. */
function settingsInConfig(): string[] {
  const source = fs.readFileSync(path.join(REPO_ROOT, 'server/src/config.ts'), 'utf8');
  const named = [...source.matchAll(/\bTSUNAGARI_[A-Z0-9_]*[A-Z0-9]\b/g)].map((m) => m[0]);
  const read = [...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)\b/g)].map((m) => m[1] as string);
  return [...new Set([...named, ...read])].sort();
}

/** The names written in backticks in the rows of the README's "Configuration" table. */
function settingsInReadme(): Set<string> {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Configuration')) ?? '';
  const rows = section.split('\n').filter((line) => line.startsWith('| `'));
  return new Set(rows.flatMap((row) => [...(row.split(' | ')[0] ?? '').matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1] as string)));
}

describe("the README's configuration table", () => {
  it('has a row for every setting config.ts parses', () => {
    const documented = settingsInReadme();
    const settings = settingsInConfig();
    expect(settings.length).toBeGreaterThan(40);
    expect(settings).toContain('TSUNAGARI_DB');
    expect(settings.filter((name) => !documented.has(name))).toEqual([]);
  });
});
