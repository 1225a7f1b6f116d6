/** See demo-server.mjs. */
export interface RunningServer {
  url: string;
  /** The banner the server printed (URLs and demo logins). */
  banner: string;
  stop(): Promise<void>;
}
export declare function startServer(env?: Record<string, string>): Promise<RunningServer>;
export declare function parseDemoLogins(banner: string): { role: string; username: string; password: string }[];
