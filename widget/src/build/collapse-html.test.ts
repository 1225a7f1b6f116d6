import { describe, expect, it } from 'vitest';
import { collapseHtmlTemplates } from '../../vite.config.js';

/** The build step that collapses indentation inside html`` templates (vite.config.ts). */
describe('collapseHtmlTemplates', () => {
  it('collapses line breaks and indentation in html`` text, nested templates included', () => {
    const src = "html`<div>\n    <p>${a ? html`<b>\n  x</b>` : nothing}</p>\n  </div>`";
    expect(collapseHtmlTemplates(src)).toBe('html`<div> <p>${a ? html`<b> x</b>` : nothing}</p> </div>`');
  });

  it('leaves expressions, strings in them and other templates exactly as written', () => {
    const src = "html`<p title=${'a\\n  b'}>${`keep\n  this ${html`<i>\n</i>`}`}</p>`;\nconst s = `plain\n   text`;";
    expect(collapseHtmlTemplates(src)).toBe("html`<p title=${'a\\n  b'}>${`keep\n  this ${html`<i> </i>`}`}</p>`;\nconst s = `plain\n   text`;");
  });

  it('keeps escapes and braces inside expressions', () => {
    const src = 'html`<p>\\`${f({ a: 1 })}\n</p>`';
    expect(collapseHtmlTemplates(src)).toBe('html`<p>\\`${f({ a: 1 })} </p>`');
  });
});
