-- A least-privilege application role (docs/operations.md "Least privilege") owns nothing: it
-- cannot create or drop the day partitions of check-ins, which need the table's owner. These two
-- functions run as their owner (SECURITY DEFINER), with the search path fixed at the migration's
-- and nothing but a check-ins day partition in reach, so the application role is granted only
-- EXECUTE on them.
CREATE OR REPLACE FUNCTION ensure_checkin_partition(day date) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
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

-- Drops one day partition of check-ins (retention); refuses any other table.
CREATE OR REPLACE FUNCTION drop_checkin_partition(part text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  IF part !~ '^checkins_[0-9]{8}$' THEN
    RAISE EXCEPTION 'not a check-ins day partition: %', part USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'checkins'::regclass AND c.oid = to_regclass(part)
  ) THEN
    RETURN false;
  END IF;
  EXECUTE format('DROP TABLE %I', part);
  RETURN true;
END $$;
