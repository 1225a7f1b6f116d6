/**
 * Whether the shared store (issue 17: Redis, which saves nothing to disk) still holds what a node
 * restored into it from the database. Redis restarted, or flushed, comes back empty: the queue,
 * offers and counselors' loads are gone while the database still says who waits and who talks —
 * a waiting woman would be offered to nobody, a counselor offered past her capacity. A store is
 * restored once (by the first node to claim it) and every node watches it from then on; a node
 * that sees it lost stops, to start again from the database like any restarted node.
 */
export interface StoreIncarnation {
  /**
   * What the store says of itself now: restored (and not lost since; `id` names that restore),
   * being restored by some node, or empty (never restored, or lost).
   */
  read(): Promise<{ state: 'restored'; id: string } | { state: 'restoring' | 'empty' }>;
  /**
   * Claims the restore of an empty store for this node: true when this node is to restore it,
   * false when another node claimed it first. A claim lapses if its node dies before it is done.
   */
  claim(): Promise<boolean>;
  /**
   * The restore this node claimed is done: returns its id, or null when the claim was gone by then
   * (Redis restarted or was flushed during the restore, taking part of it away): restore again.
   */
  restored(): Promise<string | null>;
  /**
   * From now on, once a heartbeat: `lost` is called once when the store no longer holds the
   * restore `id` (emptied, or restored again by another node meanwhile). A store that cannot be
   * reached says nothing either way; it is asked again at the next beat.
   */
  watch(id: string, lost: () => void): void;
  /** Stops watching. */
  stop(): void;
}
