/** Escapes text for an HTML attribute or text node. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * A whole page with the head every page here shares: no referrer leaves it (the NPO's pages
 * must not tell other sites where she came from) and no favicon request is made.
 * `head` and `body` are trusted markup built by the callers, which escape what they insert.
 * `csp`, when given, is a Content Security Policy put first in the head, so it governs the rest.
 */
export function htmlDocument(page: { lang: string; title: string; viewport?: string; csp?: string; head?: string; body: string }): string {
  const csp = page.csp === undefined ? '' : `<meta http-equiv="Content-Security-Policy" content="${esc(page.csp)}">\n`;
  return `<!doctype html>
<html lang="${esc(page.lang)}">
<head>
<meta charset="utf-8">
${csp}<meta name="viewport" content="${esc(page.viewport ?? 'width=device-width, initial-scale=1')}">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>${esc(page.title)}</title>
${page.head ?? ''}
</head>
<body>
${page.body}
</body>
</html>`;
}
