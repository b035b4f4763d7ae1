-- #16. Serum antibody results (IgM and IgG), beside the nucleic-acid results the testing module
-- owns: a suspected case is excluded only with IgM and IgG negative ≥ 7 days after onset
-- (RULES.md CASE.SUSPECT.EXCLUDE). Their own table, not a kind of nat_results: the result is two
-- readings, and every reader of nat_results would have to filter the kind out.
CREATE TABLE antibody_results (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id      bigint NOT NULL REFERENCES persons(id),
  region_code    text NOT NULL,
  sampled_at     timestamptz NOT NULL,
  igm            text NOT NULL CHECK (igm IN ('positive', 'negative')),
  igg            text NOT NULL CHECK (igg IN ('positive', 'negative')),
  lab_name       text,
  entered_by     bigint REFERENCES users(id),
  voided_at      timestamptz,
  voided_reason  text,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX antibody_results_person_idx ON antibody_results (person_id, sampled_at);

-- CASE.REPORT's clocks: reported within 2 h of diagnosis, investigation within 24 h of the report.
-- The due times are fixed when the case is reported (from the rule set then in force), so a later
-- rule-set change does not move them and the overdue list is a plain indexed filter. Cases
-- reported before this migration get the protocol's 2 h / 24 h from their report time.
ALTER TABLE cases ADD COLUMN diagnosed_at timestamptz;
ALTER TABLE cases ADD COLUMN investigation_completed_at timestamptz;
ALTER TABLE cases ADD COLUMN report_due_at timestamptz;
ALTER TABLE cases ADD COLUMN investigation_due_at timestamptz;
UPDATE cases SET report_due_at = created_at + interval '2 hours',
                 investigation_due_at = created_at + interval '24 hours';
ALTER TABLE cases ALTER COLUMN report_due_at SET NOT NULL;
ALTER TABLE cases ALTER COLUMN investigation_due_at SET NOT NULL;
-- The epidemiologists' list of open investigations past their due time, per region subtree.
CREATE INDEX cases_investigation_due_idx ON cases (region_code text_pattern_ops, investigation_due_at)
  WHERE investigation_completed_at IS NULL AND outcome IS NULL;
