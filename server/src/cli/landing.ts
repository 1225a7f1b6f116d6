import fs from 'node:fs/promises';
import { campaignSchema } from '@tsunagari/shared';
import { landingPage } from '../http/landing-page.js';
import { readWidgetIntegrity } from '../http/widget-embed.js';
import type { NpoFilesIo } from './npo-files.js';

const LANGS = ['ja', 'ja-easy', 'en'] as const;

/**
 * Writes the QR landing page as one static file for the NPO's own site: the same page the demo
 * relay serves at `/c/<campaign>`, with the organisation key and the widget build's integrity
 * values pinned in it. A page on the NPO's site is what makes the pins protect her against a
 * compromised relay; the relay's own copy could be changed along with the widget.
 */
export async function writeLandingPage(
  o: { relay: string; orgPublicKey: string; campaign: string | undefined; lang: string | undefined; exitUrl: string | undefined; widgetDist: string; out: string | null },
  io: NpoFilesIo,
): Promise<string> {
  const campaign = campaignSchema.safeParse(o.campaign);
  if (!campaign.success) throw new Error('--campaign must be a code of lowercase letters, digits and "-" (e.g. flyer-2026)');
  const lang = LANGS.find((l) => l === (o.lang ?? 'ja'));
  if (!lang) throw new Error('--lang must be ja, ja-easy or en');
  if (o.exitUrl !== undefined && !/^(https:\/\/|\/(?!\/))/.test(o.exitUrl)) throw new Error('--exit-url must be an https:// address or a path on the same site (a neutral page)');
  const integrity = readWidgetIntegrity(o.widgetDist);
  if (!integrity?.['tsunagari-chat.js']) throw new Error(`${o.widgetDist}/integrity.json is missing: build the widget first (npm run build)`);
  const html = landingPage({ serverUrl: o.relay, orgPublicKey: o.orgPublicKey, campaign: campaign.data, lang, integrity, ...(o.exitUrl ? { exitUrl: o.exitUrl } : {}) });
  if (o.out === null) {
    io.out(`${html}\n`);
  } else {
    await fs.writeFile(o.out, `${html}\n`);
    io.err(`wrote ${o.out}: put it on the NPO's site and print the QR code of its address. Write it again after every widget build.\n`);
  }
  return html;
}
