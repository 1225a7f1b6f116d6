/**
 * The built entry loads every chunk through a loader that checks each one's SHA-384 against the
 * build's before running it (`widget/scripts/pin-chunks.mjs`); a chunk that differs rejects its
 * import with an error of this name. The widget then shows the 'unsafe' screen and sends nothing.
 */
export const INTEGRITY_ERROR = 'TsunagariIntegrityError';

/** True when `e` says a chunk of the widget's code was not the build's. */
export function isCodeRefused(e: unknown): boolean {
  return e instanceof Error && e.name === INTEGRITY_ERROR;
}
