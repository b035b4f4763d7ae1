-- Labs and results (issue #17, module `tubes`): which lab a `lab` user works for, and the alerts a
-- positive tube raises for the region's epidemiologists (POOL.POSITIVE: notify at once).

-- A lab user belongs to one lab; they see its shipments and tubes only.
CREATE TABLE lab_staff (
  user_id     bigint PRIMARY KEY REFERENCES users(id),
  lab_id      bigint NOT NULL REFERENCES labs(id),
  added_by    bigint REFERENCES users(id),
  added_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lab_staff_lab_idx ON lab_staff (lab_id);

-- A positive tube: a pool (every member flagged, re-sampled) or a single tube (a case draft).
CREATE TABLE test_alerts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code   text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('pool_positive', 'single_positive')),
  tube_id       bigint NOT NULL REFERENCES tubes(id),
  members       integer NOT NULL CHECK (members >= 0),
  -- a single positive: the person, their result and the case draft opened for them
  person_id     bigint REFERENCES persons(id),
  nat_result_id bigint REFERENCES nat_results(id),
  case_id       bigint REFERENCES cases(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  notified_at   timestamptz,
  acknowledged_by bigint REFERENCES users(id),
  acknowledged_at timestamptz
);
CREATE INDEX test_alerts_region_idx ON test_alerts (region_code text_pattern_ops, created_at);
CREATE UNIQUE INDEX test_alerts_tube_idx ON test_alerts (tube_id);
