import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { FileStore } from './files.ts';
import type { Bilingual, Locale } from './i18n.ts';
import type { Outbox } from './outbox.ts';
import type { IncomingAction, Reply } from './reply.ts';

/** One incoming message or button press, as any channel hands it to the core. */
export interface Turn {
  channel: string;
  userId: string;
  displayName?: string;
  /** Platform locale, e.g. "de-DE"; used unless the user picked a language. */
  locale?: string;
  /** IANA time zone of the user, e.g. "Europe/Berlin". */
  timeZone?: string;
  text?: string;
  action?: IncomingAction;
}

export interface UserRef {
  /** "<channel>:<channel user id>": the user's identity across the whole bot. */
  key: string;
  channel: string;
  id: string;
  name?: string;
  locale: Locale;
  timeZone: string;
}

/** Per-user conversation state, persisted after every turn. Each capability keeps its own slot. */
export interface ConversationState {
  /** The capability whose flow is in progress and receives free text first. */
  active?: string;
  data: Record<string, unknown>;
}

export interface Services {
  config: Config;
  db: Db;
  log: Logger;
  files: FileStore;
  outbox: Outbox;
}

export interface TurnContext {
  user: UserRef;
  locale: Locale;
  /** The text in the user's language. */
  t(text: Bilingual): string;
  state: ConversationState;
  services: Services;
}

/** One thing the bot can do (help, knowledge, canvas, booking, privacy). Flows live here, never in channels. */
export interface Capability {
  /** Also the prefix of its action ids: "canvas" owns "canvas.back". */
  readonly name: string;
  /** Explicit commands (whole message), checked before any active flow, e.g. /^(canvas|dlc)( starten)?$/i. */
  readonly command?: RegExp;
  /** How strongly plain text asks for this capability, 0..1; ≥ 0.5 routes there. */
  cue?(text: string): number;
  /** Handles free text; null passes it on to the next candidate. */
  onText(
    ctx: TurnContext,
    text: string,
    reason: 'command' | 'active' | 'cue' | 'default',
  ): Promise<Reply[] | null>;
  onAction(ctx: TurnContext, action: IncomingAction): Promise<Reply[]>;
}
