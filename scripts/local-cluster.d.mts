/** See local-cluster.mjs. */
import type { ChildProcess } from 'node:child_process';

/** One relay node of the cluster. */
export interface ClusterNode {
  /** 1, 2, 3 …: the first started alone and seeded the demo. */
  n: number;
  /** Where it listens on 127.0.0.1 (nginx's upstream `127.0.0.1:PORT`). */
  port: number;
  child: ChildProcess;
  /** The banner it printed (URLs through nginx and the demo logins). */
  banner: string;
}

export interface StartedCluster {
  /** nginx's address, `http://127.0.0.1:PORT`: every node's PUBLIC_URL. */
  publicUrl: string;
  /** The temporary folder everything runs in (deleted by stop). */
  dir: string;
  nodes: ClusterNode[];
  nginx: { child: ChildProcess };
  pg: { url: string; port: number; pid: number };
  redis: { socket: string; child: ChildProcess };
}

export interface ClusterOptions {
  /** How many relay nodes (3 by default). */
  nodes?: number;
  /** nginx's port; 0 (the default): a free one. */
  port?: number;
  /** The nodes' environment over this process's. */
  env?: Record<string, string>;
  /** nginx names the node that answered each request in `X-Tsunagari-Upstream` (tests only). */
  upstreamHeader?: boolean;
  /** Node n's output lines after its banner (stderr from the start). */
  output?: (n: number, line: string) => void;
}

export interface LocalCluster {
  start(options?: ClusterOptions): Promise<StartedCluster>;
  stop(): Promise<void>;
}

export declare const MAIN: string;
export declare function createCluster(): LocalCluster;
