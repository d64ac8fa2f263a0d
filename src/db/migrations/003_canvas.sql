-- Digital Learning Canvas (issue 4): canvases, their answers, milestones, read-only shares, milestone reminders.
CREATE TABLE canvases (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_key     text NOT NULL REFERENCES users(user_key) ON DELETE CASCADE,
  title         text NOT NULL,
  status        text NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'done')),
  -- Where the owner is: step 1..10, 11 = summary. phase refines it (e.g. 'samr', 'learn:2', 'edit').
  current_step  integer NOT NULL DEFAULT 1,
  phase         text,
  -- Highest step reached, so an edit can return to where the user was.
  furthest_step integer NOT NULL DEFAULT 1,
  -- Bumped by every change; buttons carry it so a stale button cannot act on a newer state.
  rev           integer NOT NULL DEFAULT 0,
  -- A too-long or questionable answer kept aside so nothing typed is lost.
  draft         text,
  reminders_on  boolean NOT NULL DEFAULT false,
  archived_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX canvases_owner ON canvases (owner_key, updated_at DESC);

CREATE TABLE canvas_fields (
  canvas_id   uuid NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
  field       text NOT NULL,
  value       text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (canvas_id, field)
);

CREATE TABLE canvas_milestones (
  id          bigserial PRIMARY KEY,
  canvas_id   uuid NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
  what        text NOT NULL,
  due_date    date NOT NULL,
  who         text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX canvas_milestones_canvas ON canvas_milestones (canvas_id, due_date);

CREATE TABLE canvas_shares (
  canvas_id   uuid NOT NULL REFERENCES canvases(id) ON DELETE CASCADE,
  user_key    text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (canvas_id, user_key)
);
CREATE INDEX canvas_shares_user ON canvas_shares (user_key);

-- Milestone reminders; the scheduler moves due ones into the outbox.
CREATE TABLE canvas_reminders (
  id            bigserial PRIMARY KEY,
  milestone_id  bigint NOT NULL REFERENCES canvas_milestones(id) ON DELETE CASCADE,
  user_key      text NOT NULL,
  due_at        timestamptz NOT NULL,
  sent_at       timestamptz,
  UNIQUE (milestone_id, due_at)
);
CREATE INDEX canvas_reminders_due ON canvas_reminders (due_at) WHERE sent_at IS NULL;
