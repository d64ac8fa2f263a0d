-- A question is handed to the coaches once: a second "Coach fragen" (double click, another instance)
-- finds the first hand-off instead of notifying every coach again.
-- Older duplicates keep their rows (nothing answered is lost) but no longer point at the question:
-- the answered one, else the oldest, stays linked.
UPDATE knowledge_handoffs h SET question_id = NULL
FROM (
  SELECT id, row_number() OVER (
    PARTITION BY question_id ORDER BY (answer IS NULL), created_at, id
  ) AS n
  FROM knowledge_handoffs WHERE question_id IS NOT NULL
) d
WHERE h.id = d.id AND d.n > 1;

CREATE UNIQUE INDEX knowledge_handoffs_question ON knowledge_handoffs (question_id);

-- "offene Fragen" lists the unanswered hand-offs, oldest first.
CREATE INDEX knowledge_handoffs_open ON knowledge_handoffs (created_at) WHERE answer IS NULL;
