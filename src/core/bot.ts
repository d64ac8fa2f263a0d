import { isDatabaseDown } from '../db/index.ts';
import type { Metrics } from '../metrics.ts';
import { runAction } from './actions.ts';
import { cleanDeep } from './clean-text.ts';
import { typedConfirmation } from './confirm.ts';
import type {
  Capability,
  ConversationState,
  Mention,
  Services,
  Turn,
  TurnContext,
  UserRef,
} from './context.ts';
import { helpText, mainMenu } from './help.ts';
import { type Locale, normaliseLocale, pick } from './i18n.ts';
import { setLocale, upsertUserCte } from './identity.ts';
import { guardLinks } from './link-policy.ts';
import { type CoreKey, coreText } from './messages/index.ts';
import { RateLimiter } from './rate-limit.ts';
import type { IncomingAction, Reply } from './reply.ts';
import { knownTimeZone, validTimeZone } from './time-zone.ts';

const LANGUAGE_COMMAND = /^(english|englisch|deutsch|german|sprache:? ?(de|en|deutsch|english))$/i;
const MAX_ID_LENGTH = 200;

interface StoredUser {
  locale: Locale | null;
  state: ConversationState;
  version: number;
}

/**
 * The conversation core: takes a Turn from any channel, finds the capability it belongs to, keeps the
 * per-user state in the database and returns platform-neutral replies. It never throws at a channel:
 * every failure becomes a short, friendly reply.
 */
export class Bot {
  private readonly byName = new Map<string, Capability>();
  // Turns of one user run one after another in this process (double clicks see the state the first left).
  private readonly userQueues = new Map<string, Promise<unknown>>();
  private readonly rateLimiter: RateLimiter;

  constructor(
    readonly services: Services,
    capabilities: Capability[],
    private readonly metrics?: Metrics,
  ) {
    for (const c of capabilities) this.byName.set(c.name, c);
    this.rateLimiter = new RateLimiter(services.config.RATE_LIMIT_PER_MINUTE);
  }

  capability(name: string): Capability | undefined {
    return this.byName.get(name);
  }

  async handle(incoming: Turn): Promise<Reply[]> {
    // NUL and lone surrogates (text, names, form fields, mentions) would make the database refuse the turn.
    const turn = cleanDeep(incoming);
    const key = `${turn.channel}:${turn.userId}`;
    if (!this.rateLimiter.allow(key)) {
      this.metrics?.turns.inc({ channel: turn.channel, capability: 'none', outcome: 'rate_limited' });
      const locale = normaliseLocale(turn.locale) ?? this.services.config.DEFAULT_LOCALE;
      return [
        {
          text: coreText(locale, 'turn.tooFast'),
        },
      ];
    }
    const previous = this.userQueues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => {}).then(() => this.handleNow(turn, key));
    this.userQueues.set(key, run);
    try {
      // Model-written text links only to its sources (or the bot's own pages), in every channel.
      return (await run).map((r) => guardLinks(r, this.services.config.publicUrl));
    } finally {
      if (this.userQueues.get(key) === run) this.userQueues.delete(key);
    }
  }

  private async handleNow(turn: Turn, key: string): Promise<Reply[]> {
    const started = performance.now();
    let capabilityName = 'none';
    const fallbackLocale = normaliseLocale(turn.locale) ?? this.services.config.DEFAULT_LOCALE;
    try {
      const early = this.rejectBadInput(turn, fallbackLocale);
      if (early) return early;
      const stored = await this.loadUser(turn, key);
      const ctx = this.context(turn, key, stored);
      const route = this.route(ctx, turn);
      const replies = await this.dispatch(ctx, route, (name) => {
        capabilityName = name;
      });
      const saved = ctx.forgotten || (await this.saveState(key, ctx.state, stored));
      this.metrics?.turns.inc({ channel: turn.channel, capability: capabilityName, outcome: 'ok' });
      if (!saved) {
        return [
          ...replies,
          {
            text: coreText(ctx, 'turn.concurrent'),
          },
        ];
      }
      return replies;
    } catch (err) {
      this.metrics?.turns.inc({ channel: turn.channel, capability: capabilityName, outcome: 'error' });
      this.services.log.error({ err, capability: capabilityName, channel: turn.channel }, 'turn failed');
      return [
        {
          text: coreText(fallbackLocale, failureMessage(err)),
          actions: [{ id: 'help.menu', label: coreText(fallbackLocale, 'turn.help') }],
        },
      ];
    } finally {
      this.metrics?.turnSeconds.observe({ capability: capabilityName }, (performance.now() - started) / 1000);
    }
  }

  /** Input the core refuses before touching any state. */
  private rejectBadInput(turn: Turn, locale: Locale): Reply[] | undefined {
    const max = this.services.config.MAX_TEXT_LENGTH;
    if (turn.text !== undefined && turn.text.length > max) {
      return [
        {
          text: coreText(locale, 'turn.textTooLong', { length: turn.text.length, max }),
        },
      ];
    }
    if (turn.action && (turn.action.id.length > MAX_ID_LENGTH || (turn.action.value?.length ?? 0) > max)) {
      return [{ text: coreText(locale, 'turn.inputTooLong') }];
    }
    if (turn.action?.fields) {
      for (const v of Object.values(turn.action.fields)) {
        if (String(v).length > max) {
          return [
            {
              text: coreText(locale, 'turn.fieldTooLong', { max }),
            },
          ];
        }
      }
    }
    if (!turn.action && !turn.text?.trim()) {
      return [
        {
          text: coreText(locale, 'turn.empty'),
        },
      ];
    }
    return undefined;
  }

  private route(ctx: TurnContext, turn: Turn): Route {
    // A question waiting for yes/no lasts one turn; a typed answer to it does what its button does.
    const answered = typedConfirmation(ctx.state, turn.action ? undefined : turn.text);
    if (turn.action) return { kind: 'action', action: turn.action };
    if (answered) return { kind: 'action', action: answered };
    const text = turn.text!.trim();
    if (LANGUAGE_COMMAND.test(text)) return { kind: 'language', text };
    const active = ctx.state.active ? this.byName.get(ctx.state.active) : undefined;
    // The open conversation's own commands first: a lone "?" inside a canvas step asks about that step.
    if (active?.command?.test(text)) return { kind: 'text', text, candidates: [[active, 'command']] };
    for (const c of this.byName.values()) {
      if (c.command?.test(text)) return { kind: 'text', text, candidates: [[c, 'command']] };
    }
    const candidates: Candidate[] = [];
    if (active) candidates.push([active, 'active']);
    const cued = [...this.byName.values()]
      .map((c) => [c, c.cue?.(text) ?? 0] as const)
      .filter(([, score]) => score >= 0.5)
      .sort((a, b) => b[1] - a[1]);
    for (const [c] of cued) candidates.push([c, 'cue']);
    const fallback = this.byName.get('knowledge') ?? this.byName.get('help');
    if (fallback) candidates.push([fallback, 'default']);
    return { kind: 'text', text, candidates };
  }

  private async dispatch(
    ctx: TurnContext,
    route: Route,
    mark: (capability: string) => void,
  ): Promise<Reply[]> {
    if (route.kind === 'language') {
      mark('language');
      return this.switchLanguage(ctx, route.text);
    }
    if (route.kind === 'action') {
      const prefix = route.action.id.split('.')[0] ?? '';
      const capability = this.byName.get(prefix);
      mark(capability?.name ?? 'unknown');
      if (!capability?.actions) return [unknownAction(ctx)];
      const outcome = await runAction(capability.actions, ctx, route.action);
      return outcome.kind === 'ran' ? outcome.replies : [unknownAction(ctx)];
    }
    for (const [capability, reason] of route.candidates) {
      mark(capability.name);
      const replies = await capability.onText(ctx, route.text, reason);
      if (replies) return replies;
    }
    mark('help');
    return [helpText(ctx)];
  }

  private async switchLanguage(ctx: TurnContext, text: string): Promise<Reply[]> {
    const locale: Locale = /en|engl/i.test(text) ? 'en' : 'de';
    await setLocale(this.services.db, ctx.user.key, locale);
    ctx.locale = locale;
    ctx.user.locale = locale;
    return [
      {
        text: coreText(locale, 'turn.languageSet'),
        actions: mainMenu(ctx),
      },
    ];
  }

  private async loadUser(turn: Turn, key: string): Promise<StoredUser> {
    const { rows } = await this.services.db.query<{
      locale: string | null;
      state: ConversationState | null;
      version: number | null;
    }>(
      `WITH ${upsertUserCte}
       SELECT u.locale, s.state, s.version FROM u LEFT JOIN conversation_state s ON s.user_key = u.user_key`,
      [key, turn.channel, turn.userId, turn.displayName ?? null, validTimeZone(turn.timeZone) ?? null],
    );
    const row = rows[0]!;
    return {
      locale: normaliseLocale(row.locale) ?? null,
      state: row.state ?? { data: {} },
      version: row.version ?? -1,
    };
  }

  private context(turn: Turn, key: string, stored: StoredUser): TurnContext {
    const locale = stored.locale ?? normaliseLocale(turn.locale) ?? this.services.config.DEFAULT_LOCALE;
    const user: UserRef = {
      key,
      channel: turn.channel,
      id: turn.userId,
      name: turn.displayName,
      locale,
      timeZone: knownTimeZone(turn.timeZone, this.services.config.DEFAULT_TIMEZONE),
    };
    const state: ConversationState = structuredClone(stored.state);
    state.data ??= {};
    const ctx: TurnContext = {
      user,
      locale,
      t: (t) => pick(ctx.locale, t),
      state,
      services: this.services,
      mentions: cleanMentions(turn.mentions),
    };
    return ctx;
  }

  /** Optimistic save: false when another instance changed the state during this turn. */
  private async saveState(key: string, state: ConversationState, stored: StoredUser): Promise<boolean> {
    if (JSON.stringify(state) === JSON.stringify(stored.state)) return true;
    const json = JSON.stringify(state);
    if (stored.version < 0) {
      const r = await this.services.db.query(
        `INSERT INTO conversation_state (user_key, state, version) VALUES ($1, $2, 1)
         ON CONFLICT (user_key) DO NOTHING`,
        [key, json],
      );
      return r.rowCount === 1;
    }
    const r = await this.services.db.query(
      `UPDATE conversation_state SET state = $2, version = version + 1, updated_at = now()
       WHERE user_key = $1 AND version = $3`,
      [key, json, stored.version],
    );
    return r.rowCount === 1;
  }
}

type Candidate = [Capability, 'command' | 'active' | 'cue' | 'default'];
type Route =
  | { kind: 'action'; action: IncomingAction }
  | { kind: 'language'; text: string }
  | { kind: 'text'; text: string; candidates: Candidate[] };

const MAX_MENTIONS = 10;

/** The mentions a channel reported, without empty, repeated or oversized ones. */
function cleanMentions(mentions: Mention[] | undefined): Mention[] {
  const out: Mention[] = [];
  for (const m of mentions ?? []) {
    const id = m.id?.trim() || undefined;
    const name = m.name?.trim() || undefined;
    if ((!id && !name) || (id && id.length > MAX_ID_LENGTH) || (name?.length ?? 0) > 200) continue;
    if (out.some((o) => (id ? o.id === id : !o.id && o.name === name))) continue;
    out.push({ id, name });
  }
  return out.slice(0, MAX_MENTIONS);
}

function unknownAction(ctx: TurnContext): Reply {
  return {
    text: coreText(ctx, 'action.expired'),
    actions: mainMenu(ctx),
  };
}

function failureMessage(err: unknown): CoreKey {
  const code = (err as { code?: string }).code ?? '';
  const message = (err as Error)?.message ?? '';
  // 22xxx: a value the database refused (e.g. a character it cannot store) – nothing of this turn was kept.
  if (/^22/.test(code) || /invalid byte sequence|unsupported Unicode escape/i.test(message)) {
    return 'failure.badCharacters';
  }
  return isDatabaseDown(err) ? 'failure.databaseDown' : 'failure.other';
}
