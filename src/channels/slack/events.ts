import type { IncomingAction } from '../../core/reply.ts';

/** The parts of Slack's payloads the channel reads. */

/** Where an answer goes: a conversation and, for channel mentions, the thread. */
export interface Target {
  channel: string;
  threadTs?: string;
}

export type TurnInput = { text: string } | { action: IncomingAction };

export interface SlackMessageEvent {
  type: string;
  subtype?: string;
  channel: string;
  channel_type?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
}

export interface BlockAction {
  type: string;
  action_id: string;
  action_ts: string;
  value?: string;
  selected_option?: { value: string } | null;
}

export interface BlockActionsBody {
  trigger_id: string;
  user: { id: string };
  container?: { type: string };
  channel?: { id: string };
  message?: { ts: string; thread_ts?: string };
}
