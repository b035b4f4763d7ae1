-- Exactly once by the client's scan id alone (issue #14). The unique index of `checkins` has to
-- include the partition key (`checked_in_at`), so a client that re-stamped the time on a retry
-- stored the scan twice. This small, unpartitioned table is keyed by the scan id alone; the
-- check-in writer inserts here and into `checkins` in one statement (`ON CONFLICT DO NOTHING`: a
-- row goes into `checkins` only when its id was new), so the guarantee holds across API processes
-- and across a crash. `checked_in_at` is the stored row's time: it finds that row (through
-- `checkins_client_scan_idx`) to answer a replay with the first outcome, and the retention job
-- deletes the ids of the days whose partitions it dropped (a BRIN index: rows arrive in about
-- time order, and it costs next to nothing to keep up).
CREATE TABLE checkin_scan_ids (
  client_scan_id  uuid PRIMARY KEY,
  checked_in_at   timestamptz NOT NULL
);
CREATE INDEX checkin_scan_ids_time_idx ON checkin_scan_ids USING brin (checked_in_at);

-- The scans already stored: the earliest row of each id is the one a replay is answered with.
INSERT INTO checkin_scan_ids (client_scan_id, checked_in_at)
SELECT DISTINCT ON (client_scan_id) client_scan_id, checked_in_at
  FROM checkins
 WHERE client_scan_id IS NOT NULL
 ORDER BY client_scan_id, checked_in_at;
