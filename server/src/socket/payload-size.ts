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
  let left = budget;
  const walk = (value: unknown, depth: number): boolean => {
    if (depth > MAX_DEPTH) return true;
    if (typeof value === 'string') return (left -= value.length + 2) < 0;
    if (value === null || typeof value !== 'object') return (left -= 8) < 0;
    if (Array.isArray(value)) {
      left -= 2;
      for (const item of value) if (walk(item, depth + 1) || (left -= 1) < 0) return true;
      return left < 0;
    }
    left -= 2;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if ((left -= key.length + 4) < 0 || walk((value as Record<string, unknown>)[key], depth + 1)) return true;
    }
    return left < 0;
  };
  return walk(payload, 0);
}
