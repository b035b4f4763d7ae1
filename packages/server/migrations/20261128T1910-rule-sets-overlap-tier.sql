-- Rule sets gain `closeContact.overlapTier`: per venue kind, whether co-presence there makes a
-- candidate close contact ('close') or a general contact ('general', RULES.md GC.DEF). The
-- presets make office buildings, schools, markets and the like 'general'. A rule set stored
-- before this parameter existed treated co-presence at every kind as a candidate, and a stored
-- version keeps its meaning: it gets every kind 'close'. A region adopts the new tiers by
-- drafting and publishing a new version.
UPDATE rule_sets
   SET params = jsonb_set(params, '{closeContact,overlapTier}', (
         SELECT jsonb_object_agg(kind, 'close')
           FROM unnest(ARRAY['residential_gate', 'market', 'supermarket', 'restaurant', 'office',
                             'factory', 'school', 'hospital', 'station', 'bus', 'train', 'flight',
                             'gym', 'cinema', 'hotel', 'other']) AS kind))
 WHERE params -> 'closeContact' IS NOT NULL
   AND NOT (params -> 'closeContact' ? 'overlapTier');
