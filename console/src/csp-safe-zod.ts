import { config } from 'zod';

/**
 * Imported first by main.ts, before any schema is built. Zod compiles object parsers with
 * `new Function` when it may, and finds out by trying once; under the console's
 * Content-Security-Policy (no 'unsafe-eval') that try is blocked and reported as a violation even
 * though zod catches it. Jitless, zod never tries: the same parsing, without the generated code.
 */
config({ jitless: true });
