import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * The server's structured logger. It never receives request objects, sockets, headers or
 * payloads: callers pass only the fields listed here, so an IP address, a user agent or message
 * content has no way in. `redact` is a second fence in case someone passes more by mistake.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: ['req', 'res', 'headers', 'ip', 'address', 'remoteAddress', 'userAgent', 'payload', 'ciphertext', 'text', 'password', 'authKey'],
        remove: true,
      },
    },
    destination,
  );
}
