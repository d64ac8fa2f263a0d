-- Foundation: users, per-user conversation state, proactive outbox, stored files.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
  user_key      text PRIMARY KEY,            -- "<channel>:<channel user id>"
  channel       text NOT NULL,
  channel_user  text NOT NULL,
  display_name  text,
  locale        text,
  time_zone     text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE conversation_state (
  user_key    text PRIMARY KEY REFERENCES users(user_key) ON DELETE CASCADE,
  state       jsonb NOT NULL DEFAULT '{}'::jsonb,
  version     integer NOT NULL DEFAULT 0,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Proactive messages (reminders, notifications) waiting for their channel to deliver them.
CREATE TABLE outbox (
  id            bigserial PRIMARY KEY,
  user_key      text NOT NULL,
  channel       text NOT NULL,
  channel_user  text NOT NULL,
  replies       jsonb NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  delivered_at  timestamptz,
  attempts      integer NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON outbox (channel, id) WHERE delivered_at IS NULL;

-- Files the bot hands out (canvas exports, calendar invitations, data exports).
CREATE TABLE files (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_key   text NOT NULL,
  name        text NOT NULL,
  mime        text NOT NULL,
  data        bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX files_owner ON files (owner_key);
