import { randomUUID } from 'node:crypto';
import cookieParser from 'cookie-parser';
import type { Request, RequestHandler, Response } from 'express';
import type { Config } from '../../config.ts';
import { sameSecret } from '../../core/secrets.ts';

/** Who is calling the local API: a browser's signed session, or automation holding LOCAL_API_TOKEN. */
export type Caller = { kind: 'session'; user: string } | { kind: 'token' } | { kind: 'anonymous' };

export const SESSION_COOKIE = 'lodile_session';
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * Sign-in for the local API. A browser gets a random user id in a signed, HttpOnly, SameSite=Strict cookie,
 * so it can neither choose nor change who it is; only a caller with LOCAL_API_TOKEN may name a user.
 */
export class LocalSessions {
  /** Parses cookies and checks their signature (cookie-parser); mount before the routes. */
  readonly cookies: RequestHandler;

  constructor(
    private readonly config: Config,
    sessionKey: string,
  ) {
    this.cookies = cookieParser(sessionKey);
  }

  /** undefined: an Authorization header that is not the token (the caller gets 401, not a fallback). */
  caller(req: Request): Caller | undefined {
    const auth = req.headers.authorization;
    if (auth !== undefined) {
      const token = this.config.LOCAL_API_TOKEN;
      return token && sameSecret(auth.replace(/^Bearer\s+/i, ''), token) ? { kind: 'token' } : undefined;
    }
    const user = (req.signedCookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    return typeof user === 'string' && user ? { kind: 'session', user } : { kind: 'anonymous' };
  }

  /** Starts a session for a new browser (a fresh random user) or, with the token, for a named user. */
  start(res: Response, user: string = `web-${randomUUID()}`): string {
    res.cookie(SESSION_COOKIE, user, {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.publicUrl.startsWith('https:'),
      path: '/api/local',
      maxAge: YEAR_MS,
    });
    return user;
  }

  end(res: Response): void {
    res.clearCookie(SESSION_COOKIE, { path: '/api/local' });
  }
}
