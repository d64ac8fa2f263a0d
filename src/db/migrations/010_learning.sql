-- Learning from use (issue 11): questions the bot could not answer or that got 👎, grouped, each group with
-- the curated entry it resembles, for a coach to accept as a phrasing of that entry or to reject. A decision
-- is taken once: by a conditional UPDATE … WHERE status = 'pending' (a double click, two coaches at once).

CREATE TABLE knowledge_suggestions (
  id          bigserial PRIMARY KEY,
  group_key   text NOT NULL UNIQUE,          -- the group's normalised question terms, sorted
  question    text NOT NULL,                 -- the wording to take over (the group's most asked one)
  samples     text[] NOT NULL DEFAULT '{}',  -- further wordings of the group
  count       integer NOT NULL DEFAULT 0,    -- how often the group was asked (unanswered or 👎)
  entry_key   text NOT NULL,                 -- the entry it resembles (knowledge_entries.key)
  score       real NOT NULL DEFAULT 0,
  status      text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
  decided_by  text,
  decided_at  timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_suggestions_pending ON knowledge_suggestions (id) WHERE status = 'pending';

-- 'file': from the article's front matter (replaced on every re-ingest); 'learned': accepted by a coach,
-- kept across re-ingests until `npm run knowledge:export` writes it into the article.
ALTER TABLE knowledge_phrasings ADD COLUMN source text NOT NULL DEFAULT 'file'
  CHECK (source IN ('file', 'learned'));
