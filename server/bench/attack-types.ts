/** What the orchestrator tells the attacker process (`BENCH_ATTACK_CONFIG`), and what it answers. */
export interface AttackConfig {
  url: string;
  /** Every counselor's username, and her password (for the check that she can still sign in). */
  usernames: string[];
  passwords: string[];
  /** Attacker clients that each flood messages while waiting. */
  floodClients: number;
  /** Urgent starts from one IPv6 /64. */
  queueFlood: number;
  /** Probe: real women waiting before the urgent flood, and arriving during it. */
  womenBefore: number;
  womenAfter: number;
}

/** Outcome counts are by answer: `OK` or the error code. */
export interface AttackReport {
  attackerConsultations: string[];
  starts: Record<string, number>;
  urgentStarts: Record<string, number>;
  sends: Record<string, number>;
  /** Ciphertext characters acknowledged per flooding client (the flood outlasts the load, see attack-load.ts). */
  floodAckedBytes: number[];
  lists: Record<string, number>;
  /** Ciphertext characters the history loop got back. */
  listedBytes: number;
  logins: Record<string, number>;
  /** Counselors who could not sign in with their password from their own network after the attack. */
  lockedOut: string[];
}

export interface ProbeReport {
  urgentStarts: Record<string, number>;
  /** Each real woman's place with the flood waiting, and how many real women started before her. */
  positions: { position: number; ahead: number }[];
}
