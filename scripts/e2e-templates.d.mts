/** See e2e-templates.mjs. */
export declare const E2E_SERVER_ENV: Readonly<Record<string, string>>;
export declare const SEEDED_CLOCKS: Readonly<{ saturdayNoon: string; tuesdayNoon: string }>;
export declare const TEMPLATES_VAR: string;
export declare function templateFor(env: Record<string, string>): string | null;
/** The few better-sqlite3 calls the tests make, typed here (the e2e package does not depend on it). */
export interface RelayDb {
  prepare(sql: string): { run(...params: unknown[]): { changes: number }; get(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] };
  close(): void;
}
export declare function openRelayDb(file: string): RelayDb;
export declare function seedServerTemplates(): Promise<() => void>;
