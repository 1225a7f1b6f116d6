import { expect, it } from 'vitest';

declare global {
  interface ImportMeta {
    /** Vite's glob import (vitest runs through Vite); typed here because shared has no Vite types. */
    glob(pattern: string, options: { query: '?raw'; import: 'default'; eager: true }): Record<string, string>;
  }
}

/**
 * The widget's entry script imports this module, and every byte there is paid on her phone
 * before she opens the chat: only type imports may reach zod (the schemas) or libsodium, and
 * nothing may touch the DOM.
 */
it('imports no values from the schemas, crypto or any package, and uses no DOM', () => {
  const all = import.meta.glob('./*.ts', { query: '?raw', import: 'default', eager: true });
  const sources = Object.entries(all).filter(([f]) => !f.endsWith('.test.ts'));
  expect(sources.length).toBeGreaterThan(3);
  for (const [f, text] of sources) {
    const valueImports = [...text.matchAll(/^(?:import|export)(?! type)[^;]*?from '([^']+)'/gm)].map((m) => m[1]);
    for (const from of valueImports) expect(`${f}: ${from}`).toMatch(/: \.\/[\w-]+\.js$|: \.\.\/protocol\/limits\.js$|: \.\.\/crypto\/message-order\.js$/);
    expect(text, f).not.toMatch(/\b(document|window|sessionStorage|localStorage|HTMLElement)\b/);
  }
});

/** The one module outside this folder it may take values from besides the limits: the order check, which imports nothing. */
it('takes the sequence tracker from a module with no imports of its own', () => {
  const [tracker] = Object.values(import.meta.glob('../crypto/message-order.ts', { query: '?raw', import: 'default', eager: true }));
  expect(tracker).toContain('export class SequenceTracker');
  expect(tracker).not.toMatch(/^import(?! type)/m);
});
