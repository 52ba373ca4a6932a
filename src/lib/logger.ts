import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Request logs carry the route pattern (never the real path, which may hold
 * a token), the method, status and duration; never bodies, query strings, cookies or headers.
 * The redact list is a second line of defence for any object logged by mistake.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'cookie', '*.cookie', 'headers', '*.headers', 'body', '*.body', 'email', '*.email'],
      censor: '[redacted]',
    },
  });
}
