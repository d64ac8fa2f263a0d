-- Keys the bot generates for itself (the signing key for session cookies and download links when
-- SESSION_SECRET is not set), kept here so every instance and every restart uses the same one.
CREATE TABLE IF NOT EXISTS app_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
