import fs from 'node:fs';
import path from 'node:path';
import { esc } from './html.js';

/** Subresource Integrity values of the built widget's scripts, by path under /widget/. */
export type WidgetIntegrity = Readonly<Record<string, string>>;

const ENTRY = 'tsunagari-chat.js';

/**
 * What the widget build wrote to `integrity.json` (null before the widget is built, or if the
 * file is unreadable: the pages then load the widget unpinned rather than not at all). Read on
 * every page view, so a rebuilt widget is pinned at once; the file is small and pages are rare.
 */
export function readWidgetIntegrity(widgetDist: string): WidgetIntegrity | null {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(widgetDist, 'integrity.json'), 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const entries = Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string' && /^sha(256|384|512)-[A-Za-z0-9+/=]+$/.test(e[1]));
    return Object.fromEntries(entries);
  } catch {
    return null;
  }
}

/**
 * The import map whose "integrity" table lists every chunk's value, exactly as the pages put it
 * inside `<script type="importmap">` (null without integrity values). A page's Content Security
 * Policy allows this one inline script by its hash.
 */
export function widgetImportMap(serverUrl: string, integrity: WidgetIntegrity | null): string | null {
  if (!integrity?.[ENTRY]) return null;
  const base = `${serverUrl}/widget/`;
  const table = Object.fromEntries(Object.entries(integrity).filter(([file]) => file !== ENTRY).map(([file, value]) => [base + file, value]));
  // JSON inside a <script> element: "<" is escaped so no value can close the element early.
  return JSON.stringify({ integrity: table }, null, 1).replace(/</g, '\\u003c');
}

/**
 * The script tags that load the widget from `serverUrl`. With integrity values, the entry script
 * carries its own and an import map lists every chunk's, so the browser runs only files identical
 * to the build's. The entry itself checks every chunk's SHA-384 before running it (issue 15,
 * `widget/scripts/pin-chunks.mjs`), so a browser without the import map's table (it is read by
 * Chromium since 127 and WebKit) is protected as well; the table is a second check.
 */
export function widgetScripts(serverUrl: string, integrity: WidgetIntegrity | null): string {
  const base = `${serverUrl}/widget/`;
  const entry = integrity?.[ENTRY];
  const map = widgetImportMap(serverUrl, integrity);
  if (!entry || map === null) return `<script type="module" src="${esc(base + ENTRY)}"></script>`;
  return `<script type="importmap">${map}</script>
<script type="module" src="${esc(base + ENTRY)}" integrity="${esc(entry)}" crossorigin="anonymous"></script>`;
}
