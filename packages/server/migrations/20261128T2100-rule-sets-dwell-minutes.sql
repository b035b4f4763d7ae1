-- Rule sets gain `closeContact.dwellMinutes`: per venue kind, the stay assumed when no check-out
-- is recorded (whole minutes, 1 to 1440), so that overlaps can be computed for contact tracing.
-- Until now every rule set used core `DEFAULT_DWELL_MINUTES`, and a stored version keeps its
-- meaning: a rule set without the parameter gets that table, as it stands today. A region adopts
-- other dwells by drafting and publishing a new version.
UPDATE rule_sets
   SET params = jsonb_set(params, '{closeContact,dwellMinutes}', jsonb_build_object(
         'residential_gate', 5, 'market', 45, 'supermarket', 40, 'restaurant', 75, 'office', 480,
         'factory', 480, 'school', 420, 'hospital', 120, 'station', 30, 'bus', 40, 'train', 180,
         'flight', 150, 'gym', 90, 'cinema', 150, 'hotel', 720, 'other', 60))
 WHERE params -> 'closeContact' IS NOT NULL
   AND NOT (params -> 'closeContact' ? 'dwellMinutes');
