/** Routing's timings and estimate settings; the environment can set some (see config.ts). */
export interface RoutingOptions {
  /** How long an offer waits for the counselor (default 30 s). */
  offerTimeoutMs: number;
  /** Estimated wait above which the widget shows the alternatives too (default 10 min). */
  alternativesAfterSeconds: number;
  /** Handle time assumed before any chat has ended (default 20 min). */
  defaultHandleMs: number;
  /** How many recent handle times the estimate averages. */
  handleSamples: number;
  /** A waiting client who dropped keeps her place this long (default 2 min). */
  clientGraceMs: number;
  /** A counselor who dropped keeps her chats this long (default 60 s). */
  counselorGraceMs: number;
  /**
   * A waiting client, connected or not, who sends nothing (no message after her intake) for this
   * long is ended as abandoned, cause 'silent' (default 30 min; 0: never). A script that starts and
   * then sits in the queue would otherwise hold its place for ever.
   */
  clientSilenceMs: number;
  /**
   * When her silence runs out she is asked whether she still waits (`queue:still-waiting`); she
   * keeps her place for this long to answer (default 10 min; 0: not asked, ended at once). A woman
   * who waits quietly in a long queue is a woman, not a script: she is asked before anything ends.
   */
  clientSilenceAnswerMs: number;
  /** The urgent-share alert needs at least this many waiting (default 6). */
  urgentAlertMinWaiting: number;
  /** ... and more than this percentage of them urgent starts (default 50) ... */
  urgentAlertSharePercent: number;
  /** ... made within this window (default 10 min). */
  urgentAlertWindowMs: number;
  /** A client gone (no socket) from an active chat this long: the chat is parked, her counselor told (default 10 min). */
  clientAwayMs: number;
  /** A parked chat ends as 'client_gone' after this much longer, unless she comes back (default 20 min). */
  clientGoneMs: number;
}

export const defaultRoutingOptions: RoutingOptions = {
  offerTimeoutMs: 30_000,
  alternativesAfterSeconds: 600,
  defaultHandleMs: 20 * 60_000,
  handleSamples: 20,
  clientGraceMs: 2 * 60_000,
  counselorGraceMs: 60_000,
  clientSilenceMs: 30 * 60_000,
  clientSilenceAnswerMs: 10 * 60_000,
  urgentAlertMinWaiting: 6,
  urgentAlertSharePercent: 50,
  urgentAlertWindowMs: 10 * 60_000,
  clientAwayMs: 10 * 60_000,
  clientGoneMs: 20 * 60_000,
};
