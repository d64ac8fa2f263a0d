import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

/** Structured JSON logs. At info level they never contain message texts or names (see docs/operations.md). */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'lodile-bot' },
    redact: {
      paths: ['text', '*.text', 'displayName', '*.displayName', 'token', '*.token'],
      censor: '[redacted]',
    },
  });
}
