import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Services } from '../../core/context.ts';

/** Slack allows five minutes of clock skew; Bolt refuses older requests, we also refuse ones from the future. */
const MAX_SKEW_SEC = 5 * 60;
/** How long the guard waits for the database before answering 503 (Slack wants an answer within 3 s). */
const DB_CHECK_MS = 2000;

/**
 * Runs before Bolt on POST /slack/events:
 * - refuses requests whose X-Slack-Request-Timestamp is more than five minutes off (future or past);
 * - while the database is unreachable, answers 503 instead of acking. Bolt acks events before the
 *   listener runs, so an event acked during an outage would be lost; unacked, Slack retries it
 *   (about immediately, after 1 min and after 5 min, with X-Slack-Retry-Num) and the retry is answered
 *   once the database is back. Deduplication by event_id keeps a retry from being answered twice.
 *   Slash commands and button clicks are not retried by Slack; the user sees Slack's own error and can
 *   try again. (An in-memory queue would lose messages on a restart and answer them from one replica.)
 */
export function slackGuard(services: Services, log: Logger) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const ts = Number(req.headers['x-slack-request-timestamp']);
    if (!Number.isFinite(ts) || Math.abs(Math.floor(Date.now() / 1000) - ts) > MAX_SKEW_SEC) {
      res.status(401).json({ error: 'request timestamp out of range' });
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const ok = await Promise.race([
      services.db.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), DB_CHECK_MS);
      }),
    ]);
    clearTimeout(timer);
    if (!ok) {
      log.warn(
        { retry: req.headers['x-slack-retry-num'] },
        'database unreachable; Slack request refused so Slack retries',
      );
      res.status(503).json({ error: 'database unreachable, please retry' });
      return;
    }
    next();
  };
}
