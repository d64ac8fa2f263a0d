import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/index.ts';

/**
 * The bot's signing secret: SESSION_SECRET when configured, otherwise one generated on first start and kept
 * in the database, so every instance and every restart signs and checks with the same key.
 */
export async function signingSecret(db: Pick<Db, 'query'>, configured?: string): Promise<string> {
  if (configured) return configured;
  // ON CONFLICT: instances starting together keep whichever key was written first.
  await db.query(
    `INSERT INTO app_secrets (name, value) VALUES ('signing', $1) ON CONFLICT (name) DO NOTHING`,
    [randomBytes(32).toString('base64url')],
  );
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM app_secrets WHERE name = 'signing'`);
  return rows[0]!.value;
}

/** A key for one purpose, so that a download-link signature can never pass as a session cookie. */
export function purposeKey(secret: string, purpose: 'session' | 'files'): string {
  return createHmac('sha256', secret).update(`lodile:${purpose}`).digest('base64url');
}

export function hmac(key: string, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

/** Constant-time comparison of two strings (tokens, signatures). */
export function sameSecret(given: string | undefined, wanted: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(wanted);
  return a.length === b.length && timingSafeEqual(a, b);
}
