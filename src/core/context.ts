import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/index.ts';
import type { ActionTable } from './actions.ts';
import type { PendingConfirmation } from './confirm.ts';
import type { FileStore } from './files.ts';
import type { Bilingual, Locale } from './i18n.ts';
import type { Outbox } from './outbox.ts';
import type { PersonalDataSource } from './personal-data.ts';
import type { IncomingAction, Reply } from './reply.ts';
import type { RetentionRule } from './retention.ts';
import type { CoachRoles } from './roles.ts';
import type { Scheduler } from './scheduler.ts';

/** One incoming message or button press, as any channel hands it to the core. */
export interface Turn {
  channel: string;
  userId: string;
  displayName?: string;
  /** Platform locale, e.g. "de-DE"; used unless the user picked a language. */
  locale?: string;
  /** IANA time zone of the user, e.g. "Europe/Berlin"; one luxon does not know is replaced by the default. */
  timeZone?: string;
  text?: string;
  action?: IncomingAction;
  /** People the user named with the chat tool's own means: @-mentions in the text, a people picker. */
  mentions?: Mention[];
}

/** A person @-mentioned (or picked) in a turn; never the bot itself. */
export interface Mention {
  /** Their user id on this channel (the part after "<channel>:" of their user key), when the channel knows it. */
  id?: string;
  /** The name the chat tool shows for them. */
  name?: string;
}

export interface UserRef {
  /** "<channel>:<channel user id>": the user's identity across the whole bot. */
  key: string;
  channel: string;
  id: string;
  name?: string;
  locale: Locale;
  /** Always a zone luxon knows (core/time-zone.ts); the configured default otherwise. */
  timeZone: string;
}

/** Per-user conversation state, persisted after every turn. Each capability keeps its own slot. */
export interface ConversationState {
  /** The capability whose flow is in progress and receives free text first. */
  active?: string;
  /** A yes/no question whose answer may be typed instead of clicked (see confirm.ts). */
  confirm?: PendingConfirmation;
  data: Record<string, unknown>;
}

/**
 * The always-present base every capability and channel gets: built once in app.ts, never changed after.
 * What a capability needs from another one (knowledge search, canvases, bookings) is not here: its install
 * function declares it as a parameter and gets it from what the other install returned (see app.ts).
 */
export interface Services {
  readonly config: Config;
  readonly db: Db;
  readonly log: Logger;
  readonly files: FileStore;
  readonly outbox: Outbox;
  /** Periodic jobs of this instance (reminders, retention, outbox delivery). */
  readonly scheduler: Scheduler;
  /** Who is a CoDiLe (core/roles.ts): COACHES from the configuration plus grants in chat. */
  readonly roles: CoachRoles;
}

/**
 * What a room or channel stores about people, returned by its install function: its sources for
 * "meine Daten" (export, erasure, /privacy) and what the retention job deletes. app.ts joins them into the
 * one list privacy, /privacy and the retention job read; the core's profile source stays last there, since
 * erasing it ends the user.
 */
export interface StoredData {
  readonly personalData: readonly PersonalDataSource[];
  readonly retention: readonly RetentionRule[];
}

/** What an install function returns at least: the capability and what it stores about people. */
export interface Installed extends StoredData {
  capability: Capability;
}

/** Provided by the booking install: short lines for overviews such as Slack's App Home. */
export interface BookingOverview {
  /** The user's upcoming bookings, soonest first, e.g. "Di. 01.12. 16:00–17:00 · Virtuelle Sprechstunde". */
  upcoming(userKey: string, timeZone: string, locale: Locale): Promise<string[]>;
  /** The next Sprechstunde with a free seat for this user, or undefined. */
  nextSprechstunde(userKey: string, timeZone: string, locale: Locale): Promise<string | undefined>;
}

export interface Passage {
  text: string;
  /** Article title and section path, e.g. "Virtuelle Sprechstunde › Wie oft?". */
  title: string;
  /** File the passage comes from, relative to the knowledge folder. */
  source: string;
  url?: string;
  score: number;
}

/** Provided by the knowledge install; the canvas uses it for step hints. */
export interface KnowledgeSearch {
  /** The best passages for a question, best first; [] when nothing is relevant enough to answer. */
  search(question: string, k?: number): Promise<Passage[]>;
}

/** Provided by the canvas install; booking uses it to attach canvases, Slack's App Home to list them. */
export interface CanvasDirectory {
  /** Canvases the user owns and has not archived, newest first. */
  listOwned(userKey: string): Promise<{ id: string; title: string }[]>;
  /** The canvas as Markdown, if the viewer owns it or it was shared with them. */
  markdown(canvasId: string, viewerKey: string): Promise<string | undefined>;
  /** Grants read access; false when the canvas is not the owner's. */
  share(canvasId: string, ownerKey: string, withUserKey: string): Promise<boolean>;
}

export interface Roles {
  isCoach(userKey: string): Promise<boolean>;
}

export interface TurnContext {
  user: UserRef;
  locale: Locale;
  /** The text in the user's language. */
  t(text: Bilingual): string;
  state: ConversationState;
  services: Services;
  /** People @-mentioned in this turn (see Turn.mentions); [] when none. */
  mentions: Mention[];
  /** Set by the erasure of all the user's data: the router then stores nothing about this turn. */
  forgotten?: boolean;
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
  /** Its buttons, choices and forms by name (see actions.ts); the core dispatches "<name>.<action>" here. */
  readonly actions?: ActionTable;
}
