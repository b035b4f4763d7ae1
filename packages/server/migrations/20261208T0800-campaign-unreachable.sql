-- Screening campaigns (issue #17, module `sampling`): a community worker marks a person of the
-- campaign's population as unreachable (away, in hospital, no answer at the door), so that the
-- progress per community shows tested / not yet / unreachable apart, and the "who is missing"
-- list can leave them out or show them as such. One mark per person per campaign; removing it
-- deletes the row (the audit log keeps who marked and unmarked).
CREATE TABLE campaign_unreachable (
  campaign_id  bigint NOT NULL REFERENCES screening_campaigns(id),
  person_id    bigint NOT NULL REFERENCES persons(id),
  region_code  text NOT NULL,
  note         text CHECK (length(note) <= 500),
  marked_by    bigint REFERENCES users(id),
  marked_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, person_id)
);
CREATE INDEX campaign_unreachable_region_idx ON campaign_unreachable (campaign_id, region_code text_pattern_ops);
