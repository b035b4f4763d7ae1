-- The jobs runtime (#15 "Jobs", docs/jobs.md): one queue of topics with attempts, run-after,
-- last error and dead letters, and the leases that make a periodic task run once per period
-- however many API processes share the database.

CREATE TABLE jobs (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic         text NOT NULL CHECK (topic ~ '^[a-z][a-z0-9_.-]{0,63}$'),
  payload       jsonb NOT NULL DEFAULT '{}'::jsonb,
  state         text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'dead')),
  run_after     timestamptz NOT NULL DEFAULT now(),
  attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  max_attempts  integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 100),
  last_error    text,
  -- The lease of a running job: past it, the job is taken back (its process died).
  locked_until  timestamptz,
  locked_by     text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  CHECK ((state = 'running') = (locked_until IS NOT NULL))
);
-- Claiming: the due queued jobs of the handled topics, oldest due first.
CREATE INDEX jobs_queued_idx ON jobs (topic, run_after, id) WHERE state = 'queued';
-- Taking back the running jobs whose lease has lapsed.
CREATE INDEX jobs_running_idx ON jobs (locked_until) WHERE state = 'running';
-- The dead letters, newest first (console page), and the pruning of finished jobs.
CREATE INDEX jobs_dead_idx ON jobs (id) WHERE state = 'dead';
CREATE INDEX jobs_done_idx ON jobs (finished_at) WHERE state = 'done';

-- One row per periodic task: a process runs the task only when it takes the lease with
-- UPDATE … WHERE expires_at <= now(), which moves expires_at one period ahead.
CREATE TABLE job_leases (
  name          text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_.-]{0,63}$'),
  owner         text,
  expires_at    timestamptz NOT NULL DEFAULT '-infinity',
  last_started_at timestamptz
);
