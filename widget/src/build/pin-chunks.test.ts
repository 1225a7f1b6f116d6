import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { assertNoCycles, loaderSource, rewriteChunk, sha384 } from '../../scripts/pin-chunks.mjs';

/** The build step that pins every chunk by SHA-384 inside the entry (widget/scripts/pin-chunks.mjs). */
describe('chunk pinning', () => {
  it('turns relative imports into placeholders, import() into the loader, import.meta.url into the entry URL', () => {
    const built = 'import{a as e}from"./chunks/lit-1.js";import"./chunks/side-2.js";var z=()=>import(`./chunks/transport-3.js`),u=import.meta.url;';
    const { text, imports } = rewriteChunk('tsunagari-chat.js', built, (f: string) => (f === 'tsunagari-chat.js' ? 'chunks/main-0.js' : f));
    expect(imports).toEqual(['chunks/lit-1.js', 'chunks/side-2.js']);
    expect(text).toBe(
      'import*as __tsunagariPin from"@pin/self";import{a as e}from"@pin/chunks/lit-1.js";import"@pin/chunks/side-2.js";var z=()=>__tsunagariPin.load("chunks/transport-3.js"),u=__tsunagariPin.entry;',
    );
  });

  it('resolves a chunk\'s imports from its own folder, and leaves a chunk without any unchanged', () => {
    expect(rewriteChunk('chunks/a.js', 'export*from"./b.js";').text).toBe('export*from"@pin/chunks/b.js";');
    expect(rewriteChunk('chunks/a.js', 'var x=1;')).toEqual({ text: 'var x=1;', imports: [] });
  });

  it('refuses what it does not understand rather than leave a chunk unpinned', () => {
    expect(() => rewriteChunk('chunks/a.js', 'import(someVariable)')).toThrow(/does not understand/);
    expect(() => rewriteChunk('chunks/a.js', 'new URL("./x.js",import.meta.resolve)')).toThrow(/does not understand/);
  });

  it('fails the build on a cycle of static imports', () => {
    expect(() => assertNoCycles({ a: ['b'], b: ['c'], c: [] })).not.toThrow();
    expect(() => assertNoCycles({ a: ['b'], b: ['a'] })).toThrow(/a → b → a/);
  });

  it('writes a loader that knows each chunk\'s SHA-384 and loads main at once', () => {
    const pins = { 'chunks/main-0.js': [sha384(Buffer.from('x')), []] };
    const source = loaderSource(pins, 'chunks/main-0.js');
    expect(source).toContain(JSON.stringify(pins));
    expect(source).toContain('crypto.subtle.digest("SHA-384"');
    expect(source.trimEnd().endsWith('load("chunks/main-0.js");')).toBe(true);
    expect(sha384(Buffer.from('x'))).toBe('sha384-11LCxR+6DimqGQVwqdQlPkQHegWNMpf6OlYw1b0BJiL5fCisrtMTtcg7uZDKp9qF');
  });
});
