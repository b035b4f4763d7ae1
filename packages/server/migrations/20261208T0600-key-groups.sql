-- Key groups as data (#17, RULES.md §A6): the national groups that must be tested (TEST.MUST)
-- and the local ones a locality defines (TEST.WILL), each with its required test interval.
-- National intervals are presets without a source (core NATIONAL_GROUP_DEFAULTS says why; an
-- int test compares the two). `local_priority`, the catch-all of the first schema, stays as a
-- node-wide local group so that existing memberships keep their group.
CREATE TABLE key_groups (
  code           text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  kind           text NOT NULL CHECK (kind IN ('national', 'local')),
  -- The region a local group belongs to (its subtree's persons may be members); NULL: node-wide.
  region_code    text REFERENCES regions(code),
  name_zh        text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 50),
  name_en        text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
  interval_days  integer NOT NULL CHECK (interval_days BETWEEN 1 AND 60),
  created_by     bigint REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'local' OR region_code IS NULL)
);
CREATE INDEX key_groups_region_idx ON key_groups (region_code text_pattern_ops);

INSERT INTO key_groups (code, kind, name_zh, name_en, interval_days) VALUES
  ('close_contact', 'national', '密切接触者', 'close contacts', 7),
  ('inbound', 'national', '入境人员', 'inbound travellers', 7),
  ('fever_clinic', 'national', '发热门诊患者', 'fever-clinic patients', 7),
  ('new_inpatient', 'national', '新住院患者', 'new inpatients', 7),
  ('inpatient_companion', 'national', '陪护人员', 'inpatient companions', 7),
  ('medical_staff', 'national', '医疗机构工作人员', 'medical staff', 7),
  ('port_border_staff', 'national', '口岸检疫和边防检查人员', 'port quarantine and border staff', 7),
  ('prison_staff', 'national', '监所工作人员', 'prison and detention staff', 7),
  ('eldercare_staff', 'national', '社会福利养老机构工作人员', 'welfare and eldercare staff', 7),
  ('local_priority', 'local', '本地重点人群', 'local priority group', 7);

-- A membership's group is a row of key_groups now, not a fixed list.
ALTER TABLE key_group_memberships DROP CONSTRAINT key_group_memberships_grp_check;
ALTER TABLE key_group_memberships
  ADD CONSTRAINT key_group_memberships_grp_fkey FOREIGN KEY (grp) REFERENCES key_groups(code);
-- A person's own interval (set by hand) overrides the group's; NULL: the group's interval.
ALTER TABLE key_group_memberships ALTER COLUMN interval_days DROP NOT NULL;
-- Where the membership comes from, since when and until when, and the unit named on the roster.
ALTER TABLE key_group_memberships
  ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('employer_roster', 'inpatient_record',
    'inbound', 'quarantine_order', 'fever_clinic', 'staff_roster', 'manual')),
  ADD COLUMN since timestamptz,
  ADD COLUMN until timestamptz,
  ADD COLUMN unit_name text CHECK (length(unit_name) BETWEEN 1 AND 100),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
UPDATE key_group_memberships SET since = created_at;
ALTER TABLE key_group_memberships ALTER COLUMN since SET NOT NULL;
ALTER TABLE key_group_memberships ALTER COLUMN since SET DEFAULT now();
ALTER TABLE key_group_memberships ADD CONSTRAINT key_group_memberships_period_check CHECK (until IS NULL OR until > since);
CREATE INDEX key_group_memberships_region_idx ON key_group_memberships (region_code text_pattern_ops, grp);
CREATE INDEX key_group_memberships_grp_idx ON key_group_memberships (grp);

-- SMS reminders to overdue members: one per person per local day (a second click sends nothing).
CREATE TABLE key_group_reminders (
  person_id    bigint NOT NULL REFERENCES persons(id),
  day          date NOT NULL,
  region_code  text NOT NULL,
  sent_by      bigint REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_id, day)
);
