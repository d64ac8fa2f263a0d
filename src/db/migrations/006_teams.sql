-- Microsoft Teams: where each user can be reached proactively, and the cards the bot sent (so a pressed
-- card is updated in place and cannot be submitted twice).
CREATE TABLE teams_conversations (
  user_key      text PRIMARY KEY REFERENCES users(user_key) ON DELETE CASCADE,
  -- Reference of the 1:1 chat with the bot (proactive messages go here); null until we know one.
  personal_ref  jsonb,
  -- Reference of the conversation the user last wrote in (any scope): service URL, tenant, bot account,
  -- used to open a 1:1 chat when the user has only talked to the bot in a channel.
  last_ref      jsonb NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE teams_cards (
  card_id          uuid PRIMARY KEY,
  user_key         text NOT NULL REFERENCES users(user_key) ON DELETE CASCADE,
  conversation_id  text NOT NULL,
  activity_id      text,
  reply            jsonb NOT NULL,
  locale           text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  used_at          timestamptz
);
CREATE INDEX teams_cards_user ON teams_cards (user_key);
CREATE INDEX teams_cards_created ON teams_cards (created_at);
