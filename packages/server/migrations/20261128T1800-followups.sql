-- Post-discharge follow-up (RULES.md CONF.AFTER, ASYM.AFTER): when a confirmed case is discharged
-- or an asymptomatic infection released, the observation period ends `afterDischargeDays` /
-- `afterReleaseDays` later, and one follow-up and re-examination task is due in each week of
-- `followupWeeks` (2 and 4), assigned to the person's community or the designated hospital.

-- When the post-discharge observation ends, fixed at discharge with the rule set then in force.
ALTER TABLE cases ADD COLUMN observation_ends_at timestamptz;

CREATE TABLE case_followups (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id           bigint NOT NULL REFERENCES cases(id),
  person_id         bigint NOT NULL REFERENCES persons(id),
  -- The responsible community: the person's region at discharge (scope is a prefix of it).
  region_code       text NOT NULL,
  assignee_kind     text NOT NULL CHECK (assignee_kind IN ('community', 'hospital')),
  assignee_name     text NOT NULL,
  week              smallint NOT NULL CHECK (week BETWEEN 1 AND 52),
  -- The week's window: it opens at outcome + (week − 1) × 7 days and the task is due at its end,
  -- outcome + week × 7 days. A 'due' task past due_at without a result reads as 'missed'.
  window_opens_at   timestamptz NOT NULL,
  due_at            timestamptz NOT NULL,
  status            text NOT NULL DEFAULT 'due' CHECK (status IN ('due', 'done', 'cancelled')),
  nat_result        text CHECK (nat_result IS NULL OR nat_result IN ('negative', 'positive', 'not_tested')),
  symptoms          boolean,
  symptoms_text     text,
  note              text,
  performed_at      timestamptz,
  recorded_by       bigint REFERENCES users(id),
  recorded_at       timestamptz,
  -- 复阳: a positive NAT at follow-up; the NAT is also written to nat_results (nat_result_id).
  repositive        boolean NOT NULL DEFAULT false,
  nat_result_id     bigint REFERENCES nat_results(id),
  cancel_reason     text,
  rule_set_version  text NOT NULL,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, week),
  CHECK (due_at > window_opens_at),
  CHECK ((status = 'done') = (recorded_at IS NOT NULL)),
  CHECK (status <> 'done' OR (nat_result IS NOT NULL AND symptoms IS NOT NULL AND performed_at IS NOT NULL)),
  CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL),
  CHECK (repositive = (nat_result IS NOT DISTINCT FROM 'positive'))
);
-- The work list of a region subtree: `region_code LIKE 'prefix%'`, by status, soonest due first.
CREATE INDEX case_followups_region_idx ON case_followups (region_code text_pattern_ops, status, due_at);
CREATE INDEX case_followups_person_idx ON case_followups (person_id);
