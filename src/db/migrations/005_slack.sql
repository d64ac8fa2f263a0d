-- Slack channel: idempotency of incoming events/interactions and payloads too big for Block Kit elements.

-- Every Slack event_id / interaction we have handled. Retries (X-Slack-Retry-Num) and duplicates hit the
-- primary key and are dropped, across restarts and instances.
CREATE TABLE slack_seen (
  key      text PRIMARY KEY,
  seen_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX slack_seen_age ON slack_seen (seen_at);

-- Form definitions and over-long action values referenced from buttons (button value ≤ 2000 characters,
-- option value ≤ 150) and from modals' private_metadata.
CREATE TABLE slack_payloads (
  key         uuid PRIMARY KEY,
  user_key    text NOT NULL,
  payload     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX slack_payloads_age ON slack_payloads (created_at);
CREATE INDEX slack_payloads_user ON slack_payloads (user_key);
