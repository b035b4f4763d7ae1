-- Signed test results (issue #17, module `testing`): every result has a bit of the node's status
-- list (the LF1 list `main`; its index comes from the health codes' sequence, so the two never
-- collide), which its LR1 QR carries; voiding the result sets the bit. A result signed by another
-- node and imported by the citizen is a `nat_results` row too, naming its issuer, so the health
-- code reads it like a local one (docs/health-code-format.md "Signed test results (LR1)").
ALTER TABLE nat_results ADD COLUMN status_index integer NOT NULL UNIQUE DEFAULT nextval('health_code_status_index_seq');
-- When the lab reported the result (LR1 `resultedAt`); null for rows written before: the tube's
-- `resulted_at`, else `created_at`, stands for it.
ALTER TABLE nat_results ADD COLUMN resulted_at timestamptz;
-- An imported result: the issuer node (LR1 `iss`), its result id, region and signing key, and the
-- QR text as presented (the signed evidence). All null for this node's own results.
ALTER TABLE nat_results ADD COLUMN source_issuer text CHECK (length(source_issuer) BETWEEN 1 AND 64);
ALTER TABLE nat_results ADD COLUMN source_result_id text CHECK (length(source_result_id) BETWEEN 1 AND 64);
ALTER TABLE nat_results ADD COLUMN source_region text CHECK (length(source_region) BETWEEN 1 AND 64);
ALTER TABLE nat_results ADD COLUMN source_kid text CHECK (source_kid ~ '^[0-9a-f]{16}$');
ALTER TABLE nat_results ADD COLUMN source_qr text CHECK (length(source_qr) <= 4096);
ALTER TABLE nat_results ADD CONSTRAINT nat_results_source_whole CHECK (
  (source_issuer IS NULL) = (source_result_id IS NULL)
  AND (source_issuer IS NULL) = (source_kid IS NULL)
  AND (source_issuer IS NULL) = (source_qr IS NULL));
-- A result is imported once on this node, whoever presents it.
CREATE UNIQUE INDEX nat_results_source_idx ON nat_results (source_issuer, source_result_id)
  WHERE source_issuer IS NOT NULL;
