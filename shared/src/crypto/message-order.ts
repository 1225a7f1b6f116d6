/**
 * The receiver's check that nothing was dropped or replayed by the relay. Each sender numbers her
 * messages 1, 2, 3 … within a key epoch; the associated data binds that seq, so the relay cannot
 * change it, only withhold, repeat or reorder whole messages. Feed the tracker only seqs from
 * envelopes that decrypted: then every number it sees is one the sender really used.
 *
 * Outcomes: ok (the next one) · gap (some were skipped; the message itself is shown, the missing
 * range is reported once) · late (fills a reported gap) · repeat (already seen: do not show it
 * twice) · invalid (not a whole number from 1). Pure and synchronous: no clock, no I/O.
 */
export type SeqOutcome =
  | { kind: 'ok' }
  | { kind: 'gap'; missingFrom: number; missingTo: number }
  | { kind: 'late' }
  | { kind: 'repeat' }
  | { kind: 'invalid' };

/** An inclusive range of seqs not received yet. */
export interface MissingRange {
  from: number;
  to: number;
}

interface Stream {
  next: number;
  missing: MissingRange[];
}

/** Open gaps kept per stream; older ones are forgotten (a later arrival then reads as a repeat). */
export const MAX_OPEN_GAPS = 64;

const isSeq = (n: number) => Number.isSafeInteger(n) && n >= 1;

/** Tracks, per sender and key epoch, which seqs arrived. One per open consultation. */
export class SequenceTracker {
  private readonly streams = new Map<string, Stream>();

  private stream(sender: string, epoch: number): Stream {
    const key = `${epoch}\u0000${sender}`;
    let s = this.streams.get(key);
    if (!s) {
      s = { next: 1, missing: [] };
      this.streams.set(key, s);
    }
    return s;
  }

  /**
   * Starts a stream after history shown from elsewhere (for example the last page of a
   * transcript): the next expected seq is `lastSeq + 1`, with no gap before it.
   */
  resume(sender: string, epoch: number, lastSeq: number): void {
    if (!Number.isSafeInteger(lastSeq) || lastSeq < 0) throw new RangeError(`not a seq: ${lastSeq}`);
    const s = this.stream(sender, epoch);
    s.next = Math.max(s.next, lastSeq + 1);
  }

  /** Records one seq from `sender` in `epoch` and says how it fits. */
  observe(sender: string, epoch: number, seq: number): SeqOutcome {
    if (!isSeq(seq) || !Number.isSafeInteger(epoch) || epoch < 0) return { kind: 'invalid' };
    const s = this.stream(sender, epoch);
    if (seq === s.next) {
      s.next += 1;
      return { kind: 'ok' };
    }
    if (seq > s.next) {
      const gap = { from: s.next, to: seq - 1 };
      s.missing.push(gap);
      trim(s);
      s.next = seq + 1;
      return { kind: 'gap', missingFrom: gap.from, missingTo: gap.to };
    }
    return fill(s, seq) ? { kind: 'late' } : { kind: 'repeat' };
  }

  /** The ranges still missing for a sender and epoch, oldest first (for a notice or a refetch). */
  missing(sender: string, epoch: number): readonly MissingRange[] {
    return this.streams.get(`${epoch}\u0000${sender}`)?.missing.map((r) => ({ ...r })) ?? [];
  }
}

/** Removes `seq` from the open gaps; false when it was not missing (so it is a repeat). */
function fill(s: Stream, seq: number): boolean {
  const i = s.missing.findIndex((r) => r.from <= seq && seq <= r.to);
  if (i < 0) return false;
  const r = s.missing[i] as MissingRange;
  const rest: MissingRange[] = [];
  if (r.from < seq) rest.push({ from: r.from, to: seq - 1 });
  if (seq < r.to) rest.push({ from: seq + 1, to: r.to });
  s.missing.splice(i, 1, ...rest);
  trim(s);
  return true;
}

function trim(s: Stream): void {
  while (s.missing.length > MAX_OPEN_GAPS) s.missing.shift();
}
