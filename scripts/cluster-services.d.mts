/** See cluster-services.mjs. */
import type { ChildProcess } from 'node:child_process';

export declare function freePort(): Promise<number>;
/** `settings`: more `name=value` PostgreSQL settings. */
export declare function startPostgres(dir: string, options?: { settings?: string[] }): Promise<{ url: string; socketUrl: string; port: number; pid: number; stop(): unknown }>;
export declare function startRedis(dir: string): Promise<{ socket: string; child: ChildProcess; stop(): Promise<void> }>;
export declare function runNginx(
  home: string,
  port: number,
  http: string,
  options?: { head?: string; workerConnections?: number },
): Promise<{ child: ChildProcess; config: string; stop(): Promise<void> }>;
export declare function startNginx(dir: string, port: number, nodePorts: number[], options?: { upstreamHeader?: boolean }): Promise<{ child: ChildProcess; config: string; stop(): Promise<void> }>;
export declare function stopChild(child: ChildProcess): Promise<void>;
