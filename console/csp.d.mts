/** See csp.mjs. */
export declare function consoleCsp(options?: { relayOrigin?: string | null; meta?: boolean }): string;
export declare function consoleCspMeta(relayOrigin?: string | null): string;
export declare const CSP_META_PATTERN: RegExp;
