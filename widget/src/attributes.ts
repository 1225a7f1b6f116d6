/** Campaign ids as the protocol accepts them (shared `campaignSchema`). */
const CAMPAIGN = /^[a-z0-9-]{1,32}$/;
/** An Ed25519 public key, 32 bytes, base64url without padding. */
const ORG_KEY = /^[A-Za-z0-9_-]{43}$/;

/**
 * The relay's base URL: the `server` attribute when it is an http(s) URL, else the origin the
 * widget script itself came from (the relay serves the widget at `/widget/`).
 */
export function resolveServer(attr: string | null | undefined, scriptUrl: string): string {
  if (attr) {
    try {
      const url = new URL(attr, scriptUrl);
      if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin + url.pathname.replace(/\/+$/, '');
    } catch {
      // fall through to the script's origin
    }
  }
  return new URL(scriptUrl).origin;
}

/** The campaign, or undefined when absent or malformed (a bad one must not block her start). */
export function resolveCampaign(attr: string | null | undefined): string | undefined {
  return attr && CAMPAIGN.test(attr) ? attr : undefined;
}

/** The pinned organisation key, or '' when missing or malformed: then the widget will not start. */
export function resolveOrgKey(attr: string | null | undefined): string {
  const key = attr?.trim() ?? '';
  return ORG_KEY.test(key) ? key : '';
}

/** The longest reload window a page may set (minutes): longer would make a reload a restore. */
export const MAX_RELOAD_WINDOW_MINUTES = 30;

/**
 * The reload window in ms from the `reload-window` attribute (minutes, fractions allowed), or the
 * default 5 minutes when absent, malformed, not positive or over {@link MAX_RELOAD_WINDOW_MINUTES}.
 */
export function resolveReloadWindowMs(attr: string | null | undefined): number {
  const minutes = attr ? Number(attr) : Number.NaN;
  return Number.isFinite(minutes) && minutes > 0 && minutes <= MAX_RELOAD_WINDOW_MINUTES ? Math.round(minutes * 60_000) : 5 * 60_000;
}
