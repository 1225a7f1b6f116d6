/** See debian-services.mjs. */
export declare const NGINX: string;
export declare const REDIS: string;
export declare const PG_BIN: string;
export declare function pgTool(tool: string, args: string[]): void;
export declare function ensureNginx(): void;
export declare function ensureRedis(): void;
export declare function ensurePostgres(): void;
