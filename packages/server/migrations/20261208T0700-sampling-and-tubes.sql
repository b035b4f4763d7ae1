-- Nucleic-acid testing, collection and lab (issue #17): the tables the `sampling` module (sites,
-- bookings, screening campaigns, test orders) and the `tubes` module (tubes and their members,
-- labs, shipments) share, created together so that each side can reference the other. The result
-- of a person stays a `nat_results` row (the `testing` module), now linked to the tube it came from.

-- Sampling sites (采样点): where swabs are taken, with opening hours and a capacity per hour.
CREATE TABLE sampling_sites (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code        text NOT NULL REFERENCES regions(code),
  name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  address            text CHECK (length(address) <= 500),
  -- [{ "weekdays": [1,2,3,4,5], "from": "08:00", "to": "12:00" }, …] (local time of the node)
  opening_hours      jsonb NOT NULL DEFAULT '[]'::jsonb,
  capacity_per_hour  integer NOT NULL CHECK (capacity_per_hour BETWEEN 1 AND 10000),
  active             boolean NOT NULL DEFAULT true,
  created_by         bigint REFERENCES users(id),
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sampling_sites_region_idx ON sampling_sites (region_code text_pattern_ops);

-- A citizen's booked slot (愿检尽检), shown as a booking code the site scans.
CREATE TABLE sampling_bookings (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id      bigint NOT NULL REFERENCES sampling_sites(id),
  person_id    bigint NOT NULL REFERENCES persons(id),
  region_code  text NOT NULL,
  slot_start   timestamptz NOT NULL,
  code         text NOT NULL UNIQUE CHECK (length(code) BETWEEN 6 AND 64),
  status       text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'sampled', 'no_show')),
  sampled_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sampling_bookings_slot_idx ON sampling_bookings (site_id, slot_start) WHERE status = 'booked';
CREATE UNIQUE INDEX sampling_bookings_one_open_idx ON sampling_bookings (person_id, slot_start) WHERE status = 'booked';

-- A screening campaign (全员检测) over a region: dates, sites, pool size per area.
CREATE TABLE screening_campaigns (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code     text NOT NULL REFERENCES regions(code),
  name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  starts_on       date NOT NULL,
  ends_on         date NOT NULL,
  -- { "<region code>": <pool size> } for areas whose size differs from the risk-level default
  pool_sizes      jsonb NOT NULL DEFAULT '{}'::jsonb,
  status          text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'closed')),
  created_by      bigint REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  closed_at       timestamptz,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX screening_campaigns_region_idx ON screening_campaigns (region_code text_pattern_ops);

CREATE TABLE campaign_sites (
  campaign_id  bigint NOT NULL REFERENCES screening_campaigns(id),
  site_id      bigint NOT NULL REFERENCES sampling_sites(id),
  PRIMARY KEY (campaign_id, site_id)
);

-- A person who must give a sample on a day: a key group's schedule, a quarantine test day, a
-- single-tube re-sample after a positive pool (POOL.POSITIVE), a campaign.
CREATE TABLE test_orders (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id      bigint NOT NULL REFERENCES persons(id),
  region_code    text NOT NULL,
  reason         text NOT NULL CHECK (reason IN ('key_group', 'quarantine_day', 'resample', 'campaign', 'other')),
  due_on         date NOT NULL,
  site_id        bigint REFERENCES sampling_sites(id),
  -- what the order comes from: 'quarantine_order:12', 'tube:LF0001234', 'key_group:medical_staff'
  source         text CHECK (length(source) <= 200),
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  nat_result_id  bigint REFERENCES nat_results(id),
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  done_at        timestamptz
);
CREATE INDEX test_orders_due_idx ON test_orders (region_code text_pattern_ops, due_on) WHERE status = 'open';
CREATE INDEX test_orders_person_idx ON test_orders (person_id) WHERE status = 'open';

-- Laboratories that receive shipments and report results.
CREATE TABLE labs (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  region_code  text NOT NULL REFERENCES regions(code),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  active       boolean NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- Tubes go to a lab in a shipment with a manifest (the tubes listed in it).
CREATE TABLE shipments (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code         text NOT NULL UNIQUE CHECK (length(code) BETWEEN 4 AND 64),
  region_code  text NOT NULL,
  site_id      bigint REFERENCES sampling_sites(id),
  lab_id       bigint NOT NULL REFERENCES labs(id),
  sent_by      bigint REFERENCES users(id),
  sent_at      timestamptz NOT NULL DEFAULT now(),
  received_by  bigint REFERENCES users(id),
  received_at  timestamptz
);
CREATE INDEX shipments_lab_idx ON shipments (lab_id, sent_at);

-- A tube (采样管): one swab (pool size 1) or the swabs of 5, 10 (20) people (混采, POOL.MODES).
CREATE TABLE tubes (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  barcode        text NOT NULL UNIQUE CHECK (barcode ~ '^[A-Za-z0-9-]{4,64}$'),
  region_code    text NOT NULL,
  site_id        bigint REFERENCES sampling_sites(id),
  campaign_id    bigint REFERENCES screening_campaigns(id),
  pool_size      integer NOT NULL CHECK (pool_size BETWEEN 1 AND 20),
  status         text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed', 'shipped', 'received', 'resulted')),
  shipment_id    bigint REFERENCES shipments(id),
  registered_by  bigint REFERENCES users(id),
  registered_at  timestamptz NOT NULL DEFAULT now(),
  result         text CHECK (result IN ('positive', 'negative', 'invalid')),
  -- { "ORF1ab": 31.2, "N": 29.8 } cycle thresholds per target (absent: not detected)
  ct             jsonb,
  resulted_at    timestamptz,
  resulted_by    bigint REFERENCES users(id)
);
CREATE INDEX tubes_shipment_idx ON tubes (shipment_id);
CREATE INDEX tubes_campaign_idx ON tubes (campaign_id) WHERE campaign_id IS NOT NULL;

-- Who is in a tube; a person is in at most one tube of a campaign.
CREATE TABLE tube_members (
  tube_id        bigint NOT NULL REFERENCES tubes(id),
  person_id      bigint NOT NULL REFERENCES persons(id),
  region_code    text NOT NULL,
  campaign_id    bigint REFERENCES screening_campaigns(id),
  registered_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tube_id, person_id)
);
CREATE INDEX tube_members_person_idx ON tube_members (person_id);
CREATE UNIQUE INDEX tube_members_one_per_campaign_idx ON tube_members (campaign_id, person_id)
  WHERE campaign_id IS NOT NULL;

-- A person's result that came from a tube names it.
ALTER TABLE nat_results ADD COLUMN tube_id bigint REFERENCES tubes(id);
CREATE INDEX nat_results_tube_idx ON nat_results (tube_id) WHERE tube_id IS NOT NULL;
