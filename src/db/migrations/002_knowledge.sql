-- Knowledge base: ingested documents, their chunks (full text, trigram, optional vector), asked questions,
-- feedback and hand-offs to coaches.

-- One row per ingested file (or per coach answer kept as knowledge).
CREATE TABLE knowledge_documents (
  id           bigserial PRIMARY KEY,
  root         text NOT NULL,                -- absolute folder/file it was ingested from, or "coach-answers"
  source       text NOT NULL,                -- path relative to its root, or "coach-answers/<id>"
  title        text NOT NULL,
  url          text,
  chapter      text,
  hash         text NOT NULL,                -- content hash + pipeline version: unchanged files are skipped
  ingested_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (root, source)
);

CREATE TABLE knowledge_chunks (
  id           bigserial PRIMARY KEY,
  document_id  bigint NOT NULL REFERENCES knowledge_documents(id) ON DELETE CASCADE,
  source       text NOT NULL,
  ord          integer NOT NULL,
  title        text NOT NULL,                -- "Article › Section"
  heading      text NOT NULL,                -- the section heading alone (or the article title)
  url          text,
  body         text NOT NULL,
  tsv          tsvector NOT NULL,            -- heading (A), article title (B), body (D), German stemming
  embedding_model text,
  UNIQUE (document_id, ord)
);
CREATE INDEX knowledge_chunks_tsv ON knowledge_chunks USING gin (tsv);
CREATE INDEX knowledge_chunks_heading_trgm ON knowledge_chunks USING gin (heading gin_trgm_ops);

-- Every word of the corpus once: spelling correction of query words by trigram similarity.
CREATE TABLE knowledge_words (
  word  text PRIMARY KEY,
  df    integer NOT NULL
);
CREATE INDEX knowledge_words_trgm ON knowledge_words USING gin (word gin_trgm_ops);

-- Document frequency of every stemmed word (ts_stat), refreshed by ingestion: query words are weighted by
-- IDF without counting matches in the chunk table on every question.
CREATE TABLE knowledge_lexemes (
  lexeme  text PRIMARY KEY,
  df      integer NOT NULL
);
CREATE INDEX knowledge_lexemes_prefix ON knowledge_lexemes (lexeme text_pattern_ops);

-- The vector column only where pgvector is installed (embedded PGlite has it, the server may not).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') THEN
    ALTER TABLE knowledge_chunks ADD COLUMN embedding vector;
  END IF;
END
$$;

CREATE TABLE knowledge_questions (
  id              bigserial PRIMARY KEY,
  user_key        text NOT NULL,
  question        text NOT NULL,
  context         text,                      -- the previous question when this was a follow-up
  abstained       boolean NOT NULL,
  mode            text NOT NULL,             -- 'extractive' | 'llm'
  top_title       text,
  top_score       double precision,
  answer          text,
  sources         jsonb NOT NULL DEFAULT '[]'::jsonb,
  feedback        smallint,                  -- 1 = 👍, -1 = 👎
  feedback_at     timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_questions_created ON knowledge_questions (created_at);
CREATE INDEX knowledge_questions_user ON knowledge_questions (user_key);

CREATE TABLE knowledge_handoffs (
  id            bigserial PRIMARY KEY,
  question_id   bigint REFERENCES knowledge_questions(id) ON DELETE SET NULL,
  asker_key     text NOT NULL,
  question      text NOT NULL,
  context       text,
  coach_key     text,
  answer        text,
  answered_at   timestamptz,
  kept_source   text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
