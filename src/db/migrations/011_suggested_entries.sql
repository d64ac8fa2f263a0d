-- "Meinten Sie …?" (issue 11): a question the bot declined offers the curated entries it resembles; the one
-- the asker picks is kept with the question. Learning from use then offers the coach that entry for the
-- wording (the asker's choice beats word overlap) and shows how many askers picked it.

ALTER TABLE knowledge_questions ADD COLUMN chosen_entry text;  -- knowledge_entries.key picked after declining
ALTER TABLE knowledge_suggestions ADD COLUMN picked integer NOT NULL DEFAULT 0;  -- askers who picked entry_key
