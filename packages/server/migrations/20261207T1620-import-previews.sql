-- Tabular imports (issue #15, "Documents in and out"): an uploaded file is parsed and checked
-- into a preview, which the uploader confirms (or lets expire). The validated rows are kept
-- encrypted (they hold identity numbers before the persons table encrypts them), owned by the
-- user who uploaded them and scoped to that user's region; a confirmed preview keeps only its
-- counts, its rows are dropped.
CREATE TABLE import_previews (
  id            uuid PRIMARY KEY,
  kind          text NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
  user_id       bigint NOT NULL REFERENCES users(id),
  region_code   text NOT NULL REFERENCES regions(code),
  filename      text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
  digest        text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  row_count     integer NOT NULL CHECK (row_count >= 0),
  valid_count   integer NOT NULL CHECK (valid_count >= 0),
  rows_enc      bytea,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  confirmed_at  timestamptz,
  inserted      integer CHECK (inserted >= 0)
);
CREATE INDEX import_previews_user_idx ON import_previews (user_id, created_at);
CREATE INDEX import_previews_expiry_idx ON import_previews (expires_at) WHERE confirmed_at IS NULL;
