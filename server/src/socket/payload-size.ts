/** Nesting deeper than this is refused outright: no inbound event has more than a few levels. */
const MAX_DEPTH = 32;

/**
 * Whether a decoded payload would take more than `budget` characters as JSON, counted without
 * building the JSON: serialising every message only to measure it was the largest allocation on
 * the relay's hot path. Strings count their length plus quotes, other scalars a fixed 8, arrays
 * and objects their keys and punctuation. Escapes are not counted; the transport's frame limit
 * bounds the raw size regardless.
 */
export function exceedsSize(payload: unknown, budget: number): boolean {
  return fits(payload, budget, 0) < 0;
}

/**
 * About how many characters a decoded payload would take as JSON (counted as {@link exceedsSize}
 * counts), or `cap` once it reaches that: counting stops there.
 */
export function sizeUpTo(payload: unknown, cap: number): number {
  const left = fits(payload, cap, 0);
  return left < 0 ? cap : cap - left;
}

/**
 * What is left of `left` after `value`, or a negative number once it is spent (counting stops
 * there). A plain recursive function rather than a closure over a counter, so measuring a payload
 * allocates nothing: it runs for every inbound event.
 */
function fits(value: unknown, left: number, depth: number): number {
  if (depth > MAX_DEPTH) return -1;
  if (typeof value === 'string') return left - value.length - 2;
  if (value === null || typeof value !== 'object') return left - 8;
  left -= 2;
  if (Array.isArray(value)) {
    for (const item of value) {
      left = fits(item, left, depth + 1) - 1;
      if (left < 0) return left;
    }
    return left;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    left -= key.length + 4;
    if (left < 0) return left;
    left = fits((value as Record<string, unknown>)[key], left, depth + 1);
    if (left < 0) return left;
  }
  return left;
}
