-- Cluster alerts (聚集性疫情, shared/RULES.md §A9): ≥ N cases linked to one household, work unit,
-- school or venue within the rule set's window. Detection re-runs update the alert of the same
-- setting whose cases overlap (its identity is the setting and its first case), never add a second.
-- Lifecycle: open → acknowledged (by an epidemiologist) → closed (no longer meets the threshold,
-- or merged into another alert); new cases re-open an acknowledged alert.

CREATE TABLE cluster_alerts (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('household', 'workplace', 'school', 'venue')),
  key              bigint NOT NULL,
  region_code      text NOT NULL,
  first_case_id    bigint NOT NULL REFERENCES cases(id),
  case_ids         bigint[] NOT NULL,
  first_at         timestamptz NOT NULL,
  last_at          timestamptz NOT NULL,
  -- last_at + the rule set's window: the cluster is active (RISK.HIGH) until then.
  active_until     timestamptz NOT NULL,
  window_days      integer NOT NULL CHECK (window_days > 0),
  min_cases        integer NOT NULL CHECK (min_cases > 0),
  rule_set_version text NOT NULL,
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'closed')),
  detected_at      timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  acknowledged_by  bigint REFERENCES users(id),
  acknowledged_at  timestamptz,
  note             text,
  closed_reason    text,
  CHECK (last_at >= first_at),
  CHECK (cardinality(case_ids) > 0),
  UNIQUE (kind, key, first_case_id)
);
CREATE INDEX cluster_alerts_region_idx ON cluster_alerts (region_code text_pattern_ops, status);
CREATE INDEX cluster_alerts_setting_idx ON cluster_alerts (kind, key);
CREATE INDEX cluster_alerts_cases_idx ON cluster_alerts USING gin (case_ids);

-- Transmission chains walk case links both ways (the unique index covers from_case_id).
CREATE INDEX case_links_to_idx ON case_links (to_case_id);
