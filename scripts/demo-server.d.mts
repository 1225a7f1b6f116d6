/** See demo-server.mjs. */
export interface RunningServer {
  /** Where people reach it: PUBLIC_URL when given, else its own address. */
  url: string;
  /** Where it listens itself (what a proxy in front of it forwards to). */
  listening: string;
  /** The server's process id. */
  pid: number;
  /** The banner the server printed (URLs and demo logins). */
  banner: string;
  stop(): Promise<void>;
}
export declare function startServer(env?: Record<string, string>, dbDir?: string): Promise<RunningServer>;
export declare function parseDemoLogins(banner: string): { role: string; username: string; password: string }[];
