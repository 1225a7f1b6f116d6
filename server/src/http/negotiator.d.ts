/**
 * The part of negotiator 1.x this server uses. Its DefinitelyTyped types describe 0.6, which had
 * no `preferred` option: without it a tie in the client's q-values goes to the client's order,
 * and Chromium lists gzip before br.
 */
declare module 'negotiator' {
  import type { IncomingMessage } from 'node:http';

  export default class Negotiator {
    constructor(request: Pick<IncomingMessage, 'headers'>);
    /** The best of `available` for the request's Accept-Encoding; `preferred` breaks q-value ties. */
    encoding(available: readonly string[], options?: { preferred?: readonly string[] }): string | undefined;
  }
}
