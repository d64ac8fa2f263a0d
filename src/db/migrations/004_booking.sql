-- Booking (issue 5): CoDiLe publish slots, LoDiLe book them, reminders go out once.
-- The rules that must hold under concurrent requests from several instances live here, in constraints.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- CoDiLe granted in chat by another CoDiLe (configured ones come from COACHES).
CREATE TABLE booking_coach_grants (
  user_key    text PRIMARY KEY,
  granted_by  text NOT NULL,
  granted_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE booking_slots (
  id            bigserial PRIMARY KEY,
  coach_key     text NOT NULL,
  coach_name    text,
  series_id     uuid,
  kind          text NOT NULL CHECK (kind IN ('sprechstunde', 'coaching')),
  title         text NOT NULL,
  meeting_url   text,
  note          text,
  -- The coach's zone: a series keeps its local wall time across daylight-saving changes.
  time_zone     text NOT NULL,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz NOT NULL,
  seats         integer NOT NULL CHECK (seats BETWEEN 1 AND 500),
  booked        integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  cancelled_at  timestamptz,
  CONSTRAINT booking_slots_ends_after_start CHECK (ends_at > starts_at),
  -- No overbooking: the seat counter can never pass the number of seats.
  CONSTRAINT booking_slots_seats_left CHECK (booked >= 0 AND booked <= seats),
  -- A coach cannot be in two live slots at once.
  CONSTRAINT booking_slots_no_overlap EXCLUDE USING gist (
    coach_key WITH =, tstzrange(starts_at, ends_at) WITH &&
  ) WHERE (cancelled_at IS NULL)
);
CREATE INDEX booking_slots_upcoming ON booking_slots (starts_at) WHERE cancelled_at IS NULL;
CREATE INDEX booking_slots_coach ON booking_slots (coach_key, starts_at);

CREATE TABLE booking_bookings (
  id            bigserial PRIMARY KEY,
  -- iCalendar UID: the invitation and its cancellation share it.
  uid           uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  slot_id       bigint NOT NULL REFERENCES booking_slots(id),
  user_key      text NOT NULL,
  user_name     text,
  topic         text,
  canvas_id     text,
  canvas_title  text,
  status        text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  cancelled_at  timestamptz,
  cancel_reason text CHECK (cancel_reason IN ('user', 'slot_cancelled', 'rescheduled'))
);
-- One live booking per person and slot: a repeated click or a second instance cannot book twice.
CREATE UNIQUE INDEX booking_one_per_user_and_slot ON booking_bookings (slot_id, user_key)
  WHERE status = 'confirmed';
CREATE INDEX booking_bookings_user ON booking_bookings (user_key) WHERE status = 'confirmed';

-- Reminder jobs; claimed with FOR UPDATE SKIP LOCKED and written to the outbox in the same transaction.
CREATE TABLE booking_reminders (
  id              bigserial PRIMARY KEY,
  booking_id      bigint NOT NULL REFERENCES booking_bookings(id) ON DELETE CASCADE,
  offset_minutes  integer NOT NULL,
  due_at          timestamptz NOT NULL,
  sent_at         timestamptz,
  UNIQUE (booking_id, offset_minutes)
);
CREATE INDEX booking_reminders_due ON booking_reminders (due_at) WHERE sent_at IS NULL;

-- Secret calendar feed per coach (GET /ical/<token>.ics).
CREATE TABLE booking_feeds (
  coach_key   text PRIMARY KEY,
  token       text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);
