/**
 * The console's Content Security Policy: one definition for the built index.html's meta tag
 * (scripts/pin-bundle.mjs), the `console-config` command that points it at the relay, the relay's
 * own demo copy of the console and the nginx example (a test keeps that file in step).
 *
 * Why each part:
 * - `script-src 'self' 'wasm-unsafe-eval'`: only the bundle's own files run (no inline script,
 *   no eval); libsodium compiles its WebAssembly with `WebAssembly.instantiate`, which needs
 *   'wasm-unsafe-eval' (without it Argon2id and every key operation would fail).
 * - `connect-src 'self' <relay>`: `console-config.json` comes from the console's own origin; the
 *   API and the socket only from the relay (https and wss, written out for browsers that do not
 *   match wss to an https source).
 * - `img-src 'self' data:`: the page's empty `data:,` favicon.
 * - `frame-ancestors 'none'` cannot be delivered in a meta tag (browsers ignore it there and
 *   complain): it is in the header only; a host that cannot set headers cannot stop framing.
 */

/**
 * @param {{ relayOrigin?: string | null, meta?: boolean }} [options]
 *   relayOrigin: `https://relay.example` (no path); null or absent: the relay is this origin (demo).
 *   meta: the policy for a `<meta http-equiv>` tag (without `frame-ancestors`).
 * @returns {string}
 */
export function consoleCsp({ relayOrigin = null, meta = false } = {}) {
  const connect = ["'self'"];
  if (relayOrigin) {
    const url = new URL(relayOrigin);
    if (url.origin !== relayOrigin) throw new Error(`the relay must be an origin like https://relay.example, not ${relayOrigin}`);
    connect.push(url.origin, `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`);
  }
  const directives = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  if (!meta) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}

/** The `<meta>` tag carrying {@link consoleCsp} (its content escaped for an attribute). */
export function consoleCspMeta(relayOrigin = null) {
  return `<meta http-equiv="Content-Security-Policy" content="${consoleCsp({ relayOrigin, meta: true }).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
}

/** Matches the CSP meta tag in index.html, to replace it. */
export const CSP_META_PATTERN = /<meta http-equiv="Content-Security-Policy" content="[^"]*">/;
