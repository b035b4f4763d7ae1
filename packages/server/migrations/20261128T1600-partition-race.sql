-- Two writers may create the same day's partition at once: the loser of the race now finds it
-- made instead of failing.
CREATE OR REPLACE FUNCTION ensure_checkin_partition(day date) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  part text := 'checkins_' || to_char(day, 'YYYYMMDD');
BEGIN
  IF to_regclass(part) IS NULL THEN
    BEGIN
      EXECUTE format('CREATE TABLE %I PARTITION OF checkins FOR VALUES FROM (%L) TO (%L)',
        part, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
    EXCEPTION WHEN duplicate_table OR unique_violation THEN
      NULL;
    END;
  END IF;
  RETURN part;
END $$;
