import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wasmAsHex } from '../../vite.config.js';

/** The build step that re-encodes libsodium's embedded WebAssembly as hex (vite.config.ts). */

/** libsodium's ESM file, beside libsodium-wrappers in pnpm's store (what the widget build transforms). */
function libsodiumSource(): string {
  const wrappers = createRequire(import.meta.url).resolve('libsodium-wrappers');
  const store = wrappers.slice(0, wrappers.lastIndexOf(`${path.sep}libsodium-wrappers${path.sep}`));
  return fs.readFileSync(path.join(store, 'libsodium', 'dist', 'modules-esm', 'libsodium.mjs'), 'utf8');
}

describe('libsodium WebAssembly as hex', () => {
  const source = libsodiumSource();
  const original = source.match(/"([A-Za-z0-9+/]{100000,}={0,2})"/)?.[1] ?? '';
  const out = wasmAsHex(source);

  it('replaces the one base64 string, and nothing else around it', () => {
    expect(original.length).toBeGreaterThan(100_000);
    expect(out).not.toContain(original.slice(0, 1000));
    const at = source.indexOf(original);
    expect(out.startsWith(source.slice(0, source.lastIndexOf('(A=>{for(var', at)))).toBe(true);
    expect(out.endsWith(source.slice(at + original.length + 2))).toBe(true);
  });

  it('decodes to exactly the bytes libsodium shipped, and they are WebAssembly', () => {
    const call = /\((h=>\{.*?return b\})\)\("([0-9a-f]+)"\)/.exec(out);
    expect(call).not.toBeNull();
    const decode = new Function(`return ${call?.[1]}`)() as (hex: string) => Uint8Array;
    const bytes = decode(call?.[2] ?? '');
    expect(Buffer.from(bytes).equals(Buffer.from(original, 'base64'))).toBe(true);
    expect(WebAssembly.validate(new Uint8Array(bytes))).toBe(true);
    expect([...decode('00ff10a9')]).toEqual([0, 255, 16, 169]);
  });

  it('refuses a libsodium whose embedded WebAssembly it does not recognise', () => {
    expect(() => wasmAsHex('export default 1;')).toThrow(/expected one embedded base64 WebAssembly/);
  });
});
