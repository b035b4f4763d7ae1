-- Health codes: the facts colours are computed from, rule sets, the current colour and its
-- history, the outbox that keeps colours current, signing keys, citizen sign-up and appeals.

-- Rule sets: versioned data per region (presets FK6/FK7/FK8 are in code; a region's published
-- rule set overrides them for its subtree).
CREATE TABLE rule_sets (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code   text NOT NULL REFERENCES regions(code),
  name          text NOT NULL,
  edition       text NOT NULL CHECK (edition IN ('FK6', 'FK7', 'FK8')),
  version       integer NOT NULL CHECK (version >= 1),
  params        jsonb NOT NULL,
  status        text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'superseded')),
  created_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz,
  UNIQUE (region_code, version)
);
CREATE INDEX rule_sets_published_idx ON rule_sets (region_code) WHERE status = 'published';

-- Risk levels of areas over time (the colour uses the level of an area while a person was there).
CREATE TABLE risk_area_periods (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code  text NOT NULL REFERENCES regions(code),
  level        text NOT NULL CHECK (level IN ('low', 'medium', 'high')),
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz,
  set_by       bigint REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX risk_area_periods_region_idx ON risk_area_periods (region_code, starts_at);

-- Facts. Each row can be voided (an appeal correction), never deleted.
CREATE TABLE health_declarations (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id      bigint NOT NULL REFERENCES persons(id),
  region_code    text NOT NULL,
  declared_at    timestamptz NOT NULL,
  temperature_c  numeric(4, 1) CHECK (temperature_c IS NULL OR temperature_c BETWEEN 30 AND 45),
  symptoms       text[] NOT NULL DEFAULT '{}',
  source         text NOT NULL DEFAULT 'self' CHECK (source IN ('self', 'staff')),
  voided_at      timestamptz,
  voided_reason  text,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX health_declarations_person_idx ON health_declarations (person_id, declared_at);

CREATE TABLE trips (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id          bigint NOT NULL REFERENCES persons(id),
  region_code        text NOT NULL,
  place_region_code  text NOT NULL REFERENCES regions(code),
  arrived_at         timestamptz NOT NULL,
  left_at            timestamptz NOT NULL,
  source             text NOT NULL CHECK (source IN ('declared', 'checkin', 'inbound', 'staff')),
  voided_at          timestamptz,
  voided_reason      text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (left_at >= arrived_at)
);
CREATE INDEX trips_person_idx ON trips (person_id, left_at);

CREATE TABLE quarantine_orders (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id      bigint NOT NULL REFERENCES persons(id),
  region_code    text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('centralized', 'home_isolation', 'home_monitoring')),
  reason         text NOT NULL CHECK (reason IN ('close_contact', 'secondary_contact', 'inbound', 'risk_area', 'pool_positive', 'other')),
  starts_at      timestamptz NOT NULL,
  ends_at        timestamptz NOT NULL,
  released_at    timestamptz,
  note           text,
  rule_set_version text,
  created_by     bigint REFERENCES users(id),
  voided_at      timestamptz,
  voided_reason  text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX quarantine_orders_person_idx ON quarantine_orders (person_id);
CREATE INDEX quarantine_orders_region_idx ON quarantine_orders (region_code text_pattern_ops);

CREATE TABLE nat_results (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id      bigint NOT NULL REFERENCES persons(id),
  region_code    text NOT NULL,
  sampled_at     timestamptz NOT NULL,
  result         text NOT NULL CHECK (result IN ('positive', 'negative', 'pending')),
  pooled         boolean NOT NULL DEFAULT false,
  lab_name       text,
  entered_by     bigint REFERENCES users(id),
  voided_at      timestamptz,
  voided_reason  text,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX nat_results_person_idx ON nat_results (person_id, sampled_at);

CREATE TABLE fever_clinic_visits (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id    bigint NOT NULL REFERENCES persons(id),
  region_code  text NOT NULL,
  visited_at   timestamptz NOT NULL,
  hospital     text,
  voided_at    timestamptz,
  voided_reason text,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fever_clinic_visits_person_idx ON fever_clinic_visits (person_id);

CREATE TABLE key_group_memberships (
  person_id      bigint NOT NULL REFERENCES persons(id),
  grp            text NOT NULL CHECK (grp IN ('close_contact', 'inbound', 'fever_clinic', 'new_inpatient', 'inpatient_companion',
                   'medical_staff', 'port_border_staff', 'prison_staff', 'eldercare_staff', 'local_priority')),
  interval_days  integer NOT NULL CHECK (interval_days BETWEEN 1 AND 60),
  region_code    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, grp)
);

-- The current colour of each person, and its history.
CREATE TABLE health_codes (
  person_id         bigint PRIMARY KEY REFERENCES persons(id),
  region_code       text NOT NULL,
  subject_id        text NOT NULL UNIQUE,
  colour            text NOT NULL CHECK (colour IN ('green', 'yellow', 'red')),
  reasons           jsonb NOT NULL,
  actions           jsonb NOT NULL,
  valid_until       timestamptz NOT NULL,
  rule_set_version  text NOT NULL,
  status_index      integer NOT NULL UNIQUE,
  computed_at       timestamptz NOT NULL
);
CREATE INDEX health_codes_valid_until_idx ON health_codes (valid_until);
CREATE INDEX health_codes_region_idx ON health_codes (region_code text_pattern_ops, colour);
CREATE SEQUENCE health_code_status_index_seq MINVALUE 0 START 0;

CREATE TABLE colour_history (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id         bigint NOT NULL REFERENCES persons(id),
  colour            text NOT NULL,
  previous_colour   text,
  reasons           jsonb NOT NULL,
  rule_set_version  text NOT NULL,
  at                timestamptz NOT NULL
);
CREATE INDEX colour_history_person_idx ON colour_history (person_id, at);

-- Status list: a bit per issued status index that is revoked or whose colour changed.
CREATE TABLE code_status_bits (
  status_index  integer PRIMARY KEY,
  status        text NOT NULL CHECK (status IN ('changed', 'revoked')),
  at            timestamptz NOT NULL DEFAULT now()
);

-- The outbox: written in the same transaction as a fact change; drained by the worker.
CREATE TABLE outbox (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic         text NOT NULL CHECK (topic IN ('colour.recompute')),
  person_id     bigint NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  processed_at  timestamptz
);
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE processed_at IS NULL;
CREATE INDEX outbox_person_pending_idx ON outbox (person_id) WHERE processed_at IS NULL;

-- Signing keys of this node (private keys encrypted at rest) and the federation root.
CREATE TABLE signing_keys (
  kid           text PRIMARY KEY,
  purpose       text NOT NULL CHECK (purpose IN ('code', 'root')),
  issuer        text NOT NULL,
  region_code   text NOT NULL,
  alg           text NOT NULL CHECK (alg IN ('ES256')),
  public_spki   bytea NOT NULL,
  private_enc   bytea,
  status        text NOT NULL CHECK (status IN ('active', 'retired', 'revoked')),
  not_before    timestamptz NOT NULL,
  not_after     timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  retired_at    timestamptz,
  revoked_at    timestamptz
);
CREATE UNIQUE INDEX signing_keys_one_active_idx ON signing_keys (purpose) WHERE status = 'active';

-- Citizens: phone one-time codes and the development SMS outbox.
CREATE TABLE otp_codes (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  phone       text NOT NULL,
  purpose     text NOT NULL CHECK (purpose IN ('register', 'login')),
  code_hash   text NOT NULL,
  expires_at  timestamptz NOT NULL,
  attempts    integer NOT NULL DEFAULT 0,
  used_at     timestamptz,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX otp_codes_phone_idx ON otp_codes (phone, created_at);

CREATE TABLE sms_outbox (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  phone       text NOT NULL,
  body        text NOT NULL,
  sender      text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Appeals (纠错) against a colour.
CREATE TABLE appeals (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id       bigint NOT NULL REFERENCES persons(id),
  region_code     text NOT NULL,
  colour          text NOT NULL,
  reasons         jsonb NOT NULL,
  statement       text NOT NULL,
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
  decided_by      bigint REFERENCES users(id),
  decision_note   text,
  corrections     jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at      timestamptz NOT NULL DEFAULT now(),
  decided_at      timestamptz
);
CREATE INDEX appeals_region_idx ON appeals (region_code text_pattern_ops, status);
CREATE UNIQUE INDEX appeals_one_open_idx ON appeals (person_id) WHERE status = 'open';
