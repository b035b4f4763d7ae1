-- Entry/exit management: venue managers and codes, gate scans with client ids (exactly once),
-- decisions and deny reasons, residents vs visitors, proxy scans with a companion.

ALTER TABLE venues ADD COLUMN manager_user_id bigint REFERENCES users(id);
ALTER TABLE venues ADD COLUMN active boolean NOT NULL DEFAULT true;

ALTER TABLE checkins ALTER COLUMN person_id DROP NOT NULL;
ALTER TABLE checkins ADD COLUMN client_scan_id uuid;
ALTER TABLE checkins ADD COLUMN direction text NOT NULL DEFAULT 'in' CHECK (direction IN ('in', 'out'));
ALTER TABLE checkins ADD COLUMN decision text NOT NULL DEFAULT 'allow' CHECK (decision IN ('allow', 'deny'));
ALTER TABLE checkins ADD COLUMN deny_reason text;
ALTER TABLE checkins ADD COLUMN colour text CHECK (colour IS NULL OR colour IN ('green', 'yellow', 'red'));
ALTER TABLE checkins ADD COLUMN resident boolean;
ALTER TABLE checkins ADD COLUMN companion_person_id bigint;
ALTER TABLE checkins ADD COLUMN operator_user_id bigint;
ALTER TABLE checkins ADD COLUMN issuer text;
ALTER TABLE checkins ADD COLUMN subject text;
ALTER TABLE checkins ADD COLUMN received_at timestamptz NOT NULL DEFAULT now();

-- A replayed scan (same client id, same time) is accepted once: the partition key is part of
-- the unique index, as PostgreSQL requires for partitioned tables.
CREATE UNIQUE INDEX checkins_client_scan_idx ON checkins (client_scan_id, checked_in_at);
CREATE INDEX checkins_region_time_idx ON checkins (region_code, checked_in_at);

-- Partitions dropped by the retention job, for the operators' log and the audit trail.
CREATE TABLE checkin_partition_drops (
  partition_name  text PRIMARY KEY,
  day             date NOT NULL,
  rows_estimate   bigint,
  dropped_at      timestamptz NOT NULL DEFAULT now()
);
