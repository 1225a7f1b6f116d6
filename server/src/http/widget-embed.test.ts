import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWidgetIntegrity, widgetScripts } from './widget-embed.js';

const BUILD = { 'tsunagari-chat.js': 'sha512-AAAA', 'chunks/transport-x1.js': 'sha512-BBBB' };

describe('widgetScripts', () => {
  it('pins the entry with SRI and every chunk in an import map, at absolute URLs', () => {
    const out = widgetScripts('https://chat.example.org', BUILD);
    expect(out).toContain('<script type="module" src="https://chat.example.org/widget/tsunagari-chat.js" integrity="sha512-AAAA" crossorigin="anonymous"></script>');
    const map = JSON.parse(/<script type="importmap">([\s\S]*?)<\/script>/.exec(out)?.[1] ?? 'null');
    expect(map).toEqual({ integrity: { 'https://chat.example.org/widget/chunks/transport-x1.js': 'sha512-BBBB' } });
    // The import map must come first: a map after a module script is ignored.
    expect(out.indexOf('importmap')).toBeLessThan(out.indexOf('type="module"'));
  });

  it('cannot be broken out of by a hostile Host header', () => {
    const out = widgetScripts('http://x</script><script>alert(1)//', BUILD);
    expect(out).not.toContain('</script><script>alert');
    expect(out.match(/<script/g)).toHaveLength(2);
  });

  it('loads the widget unpinned when the build wrote no integrity values', () => {
    expect(widgetScripts('https://chat.example.org', null)).toBe('<script type="module" src="https://chat.example.org/widget/tsunagari-chat.js"></script>');
  });
});

describe('readWidgetIntegrity', () => {
  it('reads integrity.json, keeps only well-formed values, and is null without one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsunagari-widget-'));
    try {
      expect(readWidgetIntegrity(dir)).toBeNull();
      fs.writeFileSync(path.join(dir, 'integrity.json'), JSON.stringify({ ...BUILD, 'evil.js': '"><script>', 'n.js': 5 }));
      expect(readWidgetIntegrity(dir)).toEqual(BUILD);
      fs.writeFileSync(path.join(dir, 'integrity.json'), '{not json');
      expect(readWidgetIntegrity(dir)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
