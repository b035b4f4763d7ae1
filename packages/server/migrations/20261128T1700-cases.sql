-- Cases and epidemiological investigation: cases with their classification history, contacts
-- (close and secondary, with the reasons that made them), assist-investigation requests (协查)
-- for persons of other regions, and case-to-case links.

CREATE TABLE cases (
  id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id                 bigint NOT NULL REFERENCES persons(id),
  region_code               text NOT NULL,
  status                    text NOT NULL CHECK (status IN ('suspected', 'confirmed', 'asymptomatic', 'excluded')),
  severity                  text CHECK (severity IS NULL OR severity IN ('mild', 'ordinary', 'severe', 'critical')),
  origin                    text NOT NULL DEFAULT 'local' CHECK (origin IN ('local', 'imported')),
  onset_at                  timestamptz,
  first_positive_sample_at  timestamptz,
  isolated_at               timestamptz,
  isolation_place           text,
  outcome                   text CHECK (outcome IS NULL OR outcome IN ('discharged', 'released', 'died', 'excluded')),
  outcome_at                timestamptz,
  reported_by               bigint REFERENCES users(id),
  version                   integer NOT NULL DEFAULT 1,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  CHECK (onset_at IS NOT NULL OR first_positive_sample_at IS NOT NULL)
);
CREATE UNIQUE INDEX cases_one_open_per_person_idx ON cases (person_id) WHERE outcome IS NULL;
CREATE INDEX cases_region_idx ON cases (region_code text_pattern_ops, status);

CREATE TABLE case_status_history (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id      bigint NOT NULL REFERENCES cases(id),
  from_status  text,
  to_status    text NOT NULL,
  severity     text,
  reason       text NOT NULL,
  by_user      bigint REFERENCES users(id),
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_status_history_case_idx ON case_status_history (case_id, at);

CREATE TABLE contacts (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id             bigint NOT NULL REFERENCES cases(id),
  person_id           bigint NOT NULL REFERENCES persons(id),
  degree              text NOT NULL CHECK (degree IN ('close', 'secondary')),
  via_person_id       bigint REFERENCES persons(id),
  region_code         text NOT NULL,
  last_exposure_at    timestamptz NOT NULL,
  reasons             jsonb NOT NULL DEFAULT '[]'::jsonb,
  status              text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'dismissed')),
  quarantine_order_id bigint REFERENCES quarantine_orders(id),
  created_by          bigint REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, person_id)
);
CREATE INDEX contacts_person_idx ON contacts (person_id) WHERE status = 'confirmed';

CREATE TABLE assist_requests (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contact_id    bigint NOT NULL REFERENCES contacts(id),
  person_id     bigint NOT NULL REFERENCES persons(id),
  from_region   text NOT NULL,
  to_region     text NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'sent', 'acknowledged', 'closed')),
  payload       jsonb NOT NULL,
  created_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assist_requests_to_idx ON assist_requests (to_region text_pattern_ops, status);
CREATE INDEX assist_requests_from_idx ON assist_requests (from_region text_pattern_ops, status);

CREATE TABLE case_links (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  from_case_id  bigint NOT NULL REFERENCES cases(id),
  to_case_id    bigint NOT NULL REFERENCES cases(id),
  confidence    text NOT NULL CHECK (confidence IN ('confirmed', 'probable', 'possible')),
  note          text,
  created_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (from_case_id <> to_case_id),
  UNIQUE (from_case_id, to_case_id)
);
