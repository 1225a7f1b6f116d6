/** See chromium.mjs. */
export declare const HEADLESS_SHELL: string;
export declare const FULL_CHROMIUM: string;
export declare function chromiumPath(): string;
export declare const CHROMIUM_ARGS: readonly string[];
