-- Contact finding reads, per venue the case visited, the check-ins that can reach one of the
-- case's stays (`coVisitQuery`, modules/cases/co-visits.repository.ts). This covering partial
-- index answers it with index-only scans: a venue's check-ins lie scattered over the day
-- partition's heap (rows arrive in time order), about one heap page per two rows without it
-- (bench `contacts`, docs/query-plans.md). One more index per check-in written.
CREATE INDEX checkins_covisit_idx ON checkins (venue_id, checked_in_at)
  INCLUDE (person_id, checked_out_at, seat)
  WHERE decision = 'allow' AND direction = 'in' AND person_id IS NOT NULL;

-- The first 500 members of a work unit or school by id (`groupMembers`): with the id in the key
-- the scan stops after 500 entries; on (workplace_id) alone the planner walked the primary key
-- instead and filtered (34,000 persons read for a school of 3,000). They replace the indexes of
-- 20261128T1830-group-indexes.sql.
CREATE INDEX persons_workplace_members_idx ON persons (workplace_id, id) WHERE workplace_id IS NOT NULL;
CREATE INDEX persons_school_members_idx ON persons (school_id, id) WHERE school_id IS NOT NULL;
DROP INDEX persons_workplace_idx;
DROP INDEX persons_school_idx;
