-- The development SMS outbox is read per region (issue #14): each message carries the region
-- of the account or person record its number belongs to; a number tied to no region yet (a
-- registration code for a new person) has none, and only the node's operators see it.
-- Rows written before this migration have no region: they become the operators' alone.
ALTER TABLE sms_outbox ADD COLUMN region_code text;
CREATE INDEX sms_outbox_region_idx ON sms_outbox (region_code text_pattern_ops, id);
