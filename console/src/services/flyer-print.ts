/**
 * Opens a campaign's flyer over the console, ready to print. The QR code is made here, in the
 * admin's browser, from the landing URL template in the console's pinned config: the relay never
 * chooses what a printed code opens, so a compromised relay cannot send thousands of paper codes
 * to a page of its own. The qrcode library and the flyer element load only when a flyer is
 * opened (dynamic import), so the console's first script stays as small as it was.
 */
import type { OpeningHoursConfig } from '@tsunagari/shared';
import type { FlyerCloseEvent } from '../events/flyer-close.event.js';
import type { FlyerSizeEvent } from '../events/flyer-size.event.js';
import { type FlyerSize, landingUrlFor } from '../state/flyer.js';

export interface FlyerRequest {
  campaign: string;
  label: string;
  /** `landingUrl` from console-config.json. */
  landingTemplate: string;
  /** The program's hours as the relay applies them now. */
  hours: OpeningHoursConfig;
  contacts: { phone: string; mail: string };
  /** Where focus goes back to when the flyer closes. */
  returnFocus?: HTMLElement | null;
}

/** Paper sizes in millimetres, portrait. */
const PAPER_MM: Record<FlyerSize, string> = { A6: '105mm 148mm', A4: '210mm 297mm' };

/**
 * The paper and a page with no margin (the flyer's own padding is its margin); only the flyer
 * prints. The size is written in millimetres: Chromium knows A4 and A5 by name but not A6, and
 * drops a `size` it cannot read.
 */
const printRules = (size: FlyerSize) => `
@page { size: ${PAPER_MM[size]}; margin: 0; }
@media print {
  html, body { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  body > :not(tsg-flyer-sheet) { display: none !important; }
}`;

/** The QR code of `url` as an SVG document: error correction M (15 % of the code may be lost), the standard 4-module quiet zone. */
export async function qrSvg(url: string): Promise<string> {
  // qrcode is CommonJS: the bundler hands its exports over as the default export.
  const qr = (await import('qrcode')).default;
  return qr.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 4, color: { dark: '#000000', light: '#ffffff' } });
}

/** Shows the flyer as a modal dialog (the console behind it inert); resolves once it is on screen. */
export async function openFlyer(req: FlyerRequest): Promise<void> {
  const url = landingUrlFor(req.landingTemplate, req.campaign);
  const [svg] = await Promise.all([qrSvg(url), import('../components/flyer-sheet/flyer-sheet.js')]);
  const sheet = document.createElement('tsg-flyer-sheet');
  Object.assign(sheet, { campaignLabel: req.label, url, qrSvg: svg, hours: req.hours, contacts: req.contacts, size: 'A6' });

  const rules = new CSSStyleSheet();
  rules.replaceSync(printRules('A6'));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, rules];
  const madeInert = [...document.body.children].filter((el): el is HTMLElement => el instanceof HTMLElement && !el.inert);
  for (const el of madeInert) el.inert = true;

  // Escape closes it wherever focus is (after the print dialog it may be on the page itself).
  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape') close();
  };
  const close = (): void => {
    document.removeEventListener('keydown', onKey);
    sheet.remove();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== rules);
    for (const el of madeInert) el.inert = false;
    req.returnFocus?.focus();
  };
  sheet.addEventListener('tsg-flyer-close', (_e: FlyerCloseEvent) => close());
  sheet.addEventListener('tsg-flyer-size', (e: FlyerSizeEvent) => {
    sheet.size = e.detail.size;
    rules.replaceSync(printRules(e.detail.size));
  });
  document.addEventListener('keydown', onKey);
  document.body.append(sheet);
  await sheet.focusHeading();
}
