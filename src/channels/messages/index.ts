import type { Bilingual } from '../../core/i18n.ts';
import { bilingual, translator, type Values } from '../../core/messages.ts';
import de from './de.ts';
import en from './en.ts';

/** The channels' own texts (one catalogue for Slack and Teams), e.g. `channelText(locale, 'home.help')`. */
export const channelText = translator<keyof typeof de>({ de, en });

export type ChannelKey = keyof typeof de;

/** A channel text in both languages, for code that picks the language itself (`pick`, `t`). */
export const channelTexts = (key: ChannelKey, values?: Values): Bilingual =>
  bilingual(channelText, key, values);
