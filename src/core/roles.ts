import type { Db } from '../db/index.ts';
import type { Roles } from './context.ts';

/** A user key as the bot builds it: "<channel>:<channel user id>". */
export const USER_KEY = /^(local|slack|teams|terminal):[\w.@:+-]{1,200}$/;

export type GrantResult = 'granted' | 'already' | 'invalid';
export type RevokeResult = 'revoked' | 'configured' | 'unknown';

/**
 * Who is a CoDiLe: everyone in COACHES (configuration) plus everyone a CoDiLe granted the role in chat.
 * Everyone else is a LoDiLe. One owner for the role: booking, knowledge hand-offs and the channels ask here.
 * (The grants table keeps its historical name, booking_coach_grants.)
 */
export class CoachRoles implements Roles {
  private readonly configured: Set<string>;

  constructor(
    private readonly db: Pick<Db, 'query'>,
    coaches: string[],
  ) {
    this.configured = new Set(coaches);
  }

  isConfigured(userKey: string): boolean {
    return this.configured.has(userKey);
  }

  async isCoach(userKey: string): Promise<boolean> {
    if (this.configured.has(userKey)) return true;
    const { rowCount } = await this.db.query('SELECT 1 FROM booking_coach_grants WHERE user_key = $1', [
      userKey,
    ]);
    return (rowCount ?? 0) > 0;
  }

  /** Only a CoDiLe may grant; the caller checks that (the capability) before calling. */
  async grant(byKey: string, userKey: string): Promise<GrantResult> {
    if (!USER_KEY.test(userKey)) return 'invalid';
    if (this.configured.has(userKey)) return 'already';
    const { rowCount } = await this.db.query(
      `INSERT INTO booking_coach_grants (user_key, granted_by) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
      [userKey, byKey],
    );
    return rowCount ? 'granted' : 'already';
  }

  async revoke(userKey: string): Promise<RevokeResult> {
    if (this.configured.has(userKey)) return 'configured';
    const { rowCount } = await this.db.query('DELETE FROM booking_coach_grants WHERE user_key = $1', [
      userKey,
    ]);
    return rowCount ? 'revoked' : 'unknown';
  }

  async granted(): Promise<{ userKey: string; grantedBy: string }[]> {
    const { rows } = await this.db.query<{ user_key: string; granted_by: string }>(
      'SELECT user_key, granted_by FROM booking_coach_grants ORDER BY granted_at',
    );
    return rows.map((r) => ({ userKey: r.user_key, grantedBy: r.granted_by }));
  }
}
