-- Conveyances for contact tracing (#16, RULES.md CC.TRANSPORT.*).
--
-- * Ships become a venue kind (CC.TRANSPORT.SHIP: the same cabin). Rule sets name every venue
--   kind: a stored one gets the ship the presets give it (`close`, 240 minutes without a
--   check-out); no ship could be recorded before, so no stored version changes meaning.
-- * `enclosed`: whether a train is fully enclosed and air-conditioned (CC.TRANSPORT.TRAIN: the
--   same carriage) or an ordinary one (the same bay and the bays in front and behind), and whether
--   a bus is a sealed air-conditioned coach (CC.TRANSPORT.BUS: everyone aboard) or a ventilated
--   one (rows ±3) — core `Visit.enclosed`. NULL: not recorded, traced as enclosed (the safe side).
--   Only trains and buses have it (core `readsEnclosed`): a plane's rows and a ship's cabin do not
--   depend on it.
-- Written to run again harmlessly (the migration test applies it to rule sets it inserts).
ALTER TABLE venues DROP CONSTRAINT IF EXISTS venues_kind_check;
ALTER TABLE venues ADD CONSTRAINT venues_kind_check CHECK (kind IN ('residential_gate', 'market', 'supermarket',
  'restaurant', 'office', 'factory', 'school', 'hospital', 'station', 'bus', 'train', 'flight', 'ship', 'gym',
  'cinema', 'hotel', 'other'));

ALTER TABLE venues ADD COLUMN IF NOT EXISTS enclosed boolean;
ALTER TABLE venues DROP CONSTRAINT IF EXISTS venues_enclosed_conveyance_check;
ALTER TABLE venues ADD CONSTRAINT venues_enclosed_conveyance_check
  CHECK (enclosed IS NULL OR kind IN ('train', 'bus'));

UPDATE rule_sets
   SET params = jsonb_set(params, '{closeContact,overlapTier,ship}', '"close"')
 WHERE jsonb_typeof(params #> '{closeContact,overlapTier}') = 'object'
   AND NOT (params #> '{closeContact,overlapTier}' ? 'ship');
UPDATE rule_sets
   SET params = jsonb_set(params, '{closeContact,dwellMinutes,ship}', '240')
 WHERE jsonb_typeof(params #> '{closeContact,dwellMinutes}') = 'object'
   AND NOT (params #> '{closeContact,dwellMinutes}' ? 'ship');
