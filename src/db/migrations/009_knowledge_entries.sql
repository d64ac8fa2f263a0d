-- The curated question layer (issue 11): question–answer entries from the `questions:` front matter of
-- knowledge articles, with their phrasings. An entry belongs to its document (re-ingesting the document
-- replaces its entries) and names the section whose passage(s) support and cite it.

CREATE TABLE knowledge_entries (
  id           bigserial PRIMARY KEY,
  document_id  bigint NOT NULL REFERENCES knowledge_documents(id) ON DELETE CASCADE,
  key          text NOT NULL,                -- the entry's id slug in the front matter
  type         text NOT NULL,                -- wer, was, wie-oft, … (scripts/check-knowledge-questions.mjs)
  section      text NOT NULL,                -- the "## " heading it is answered in (knowledge_chunks.heading)
  answer       text NOT NULL,
  answer_en    text,
  related      text[] NOT NULL DEFAULT '{}', -- keys of follow-up entries
  UNIQUE (document_id, key)
);
CREATE INDEX knowledge_entries_key ON knowledge_entries (key);

CREATE TABLE knowledge_phrasings (
  id        bigserial PRIMARY KEY,
  entry_id  bigint NOT NULL REFERENCES knowledge_entries(id) ON DELETE CASCADE,
  ord       integer NOT NULL,
  text      text NOT NULL,
  -- German-stemmed content words (question words and fillers removed as for a user's question).
  lexemes   text[] NOT NULL,
  UNIQUE (entry_id, ord)
);
