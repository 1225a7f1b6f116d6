import crypto from 'node:crypto';
import { esc, htmlDocument } from './html.js';
import { type WidgetIntegrity, widgetImportMap, widgetScripts } from './widget-embed.js';

/** What a landing page is made from: the relay's `/c/<campaign>` (demo) and `npm run landing` alike. */
export interface LandingPageOptions {
  /** The relay's origin, e.g. `https://relay.example` (the widget's files and its socket). */
  serverUrl: string;
  /** The organisation's public key, pinned in the snippet. */
  orgPublicKey: string;
  campaign: string;
  lang: 'ja' | 'ja-easy' | 'en';
  /** The widget build's SRI values (`widget/dist/integrity.json`); null loads it unpinned. */
  integrity: WidgetIntegrity | null;
  /** Where quick exit goes; absent: the widget's own neutral default. */
  exitUrl?: string;
}

const PAGE_STYLE = 'html, body { margin: 0; height: 100%; background: #fff; } tsunagari-chat { display: block; height: 100%; }';

const sha256 = (text: string): string => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The landing page's Content Security Policy (a meta tag: the page is a static file on the NPO's
 * site, where headers may not be ours to set): scripts only from the relay's /widget/ folder plus
 * the one inline import map by its hash (`blob:`: the widget runs each chunk from a blob: URL once
 * its SHA-384 checks out; 'wasm-unsafe-eval': libsodium compiles WebAssembly), the
 * page's one inline style by its hash, connections only to the relay (https and wss), and nothing
 * else. `frame-ancestors` cannot be set in a meta tag: the NPO's web server has to send it.
 */
export function landingCsp(serverUrl: string, importMap: string | null): string {
  return widgetPageCsp(serverUrl, importMap, PAGE_STYLE);
}

/** The policy of a page that embeds the widget: {@link landingCsp}'s, with the page's own inline style. */
export function widgetPageCsp(serverUrl: string, importMap: string | null, style: string): string {
  const relay = new URL(serverUrl);
  const socket = `${relay.protocol === 'https:' ? 'wss:' : 'ws:'}//${relay.host}`;
  return [
    "default-src 'none'",
    `script-src ${relay.origin}/widget/ blob: 'wasm-unsafe-eval'${importMap === null ? '' : ` ${sha256(importMap)}`}`,
    `style-src ${sha256(style)}`,
    'img-src data:',
    `connect-src ${relay.origin} ${socket}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The full-screen page a flyer's QR code opens: the widget, open, filling the phone's screen.
 * Its title is deliberately plain ("お知らせ"): browser history shows titles to whoever looks.
 */
export function landingPage(o: LandingPageOptions): string {
  const exit = o.exitUrl === undefined ? '' : ` exit-url="${esc(o.exitUrl)}"`;
  return htmlDocument({
    lang: o.lang === 'en' ? 'en' : 'ja',
    title: 'お知らせ',
    viewport: 'width=device-width, initial-scale=1, viewport-fit=cover, interactive-widget=resizes-content',
    csp: landingCsp(o.serverUrl, widgetImportMap(o.serverUrl, o.integrity)),
    head: `<meta name="robots" content="noindex">
<style>${PAGE_STYLE}</style>`,
    body: `${widgetScripts(o.serverUrl, o.integrity)}
<tsunagari-chat server="${esc(o.serverUrl)}" org-key="${esc(o.orgPublicKey)}" campaign="${esc(o.campaign)}" lang="${esc(o.lang)}" mode="fullscreen" open${exit}></tsunagari-chat>`,
  });
}

/** Where quick exit lands: an ordinary, forgettable page with nothing about consultation on it. */
const EXIT_STYLE = 'body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 40rem; padding: 1rem; line-height: 1.7; color: #222; }';

/** The exit page's policy: its one inline style, and nothing else at all. */
export const EXIT_CSP = `default-src 'none'; style-src ${sha256(EXIT_STYLE)}; base-uri 'none'; form-action 'none'`;

export function exitPage(): string {
  return htmlDocument({
    lang: 'ja',
    title: '今日の献立',
    head: `<style>${EXIT_STYLE}</style>`,
    body: `<main>
<h1>今日の献立</h1>
<h2>豚肉と白菜のうま煮</h2>
<p>白菜はざく切り、豚肉はひと口大に切ります。鍋に油をひいて豚肉を炒め、色が変わったら白菜を加えます。</p>
<p>だし、しょうゆ、みりんを加えて 10 分ほど煮て、水溶き片栗粉でとろみをつけたら出来上がりです。</p>
<h2>小松菜のおひたし</h2>
<p>小松菜をさっとゆでて水にとり、食べやすく切って、かつお節としょうゆをかけます。</p>
</main>`,
  });
}
