-- EU DCC verification (issue #16): the node-wide trust list of document signer certificates
-- (DSC) that `POST /api/dcc/verify` checks `HC1:` codes against. Loaded by the node's operators
-- from PEM; a removed signer stays as a row (who removed it, when, why) and no longer verifies.
-- The kid is the first 8 bytes of SHA-256 over the DER (eHN DCC Tech. Spec. Vol. 1 §3.3.1), in
-- hex; one live signer per kid (a removed one may be added again). No certificate holder's data
-- is stored anywhere: verifications are audited without names.
CREATE TABLE dcc_signers (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kid             text NOT NULL CHECK (kid ~ '^[0-9a-f]{16}$'),
  country         text CHECK (country ~ '^[A-Z]{2}$'),
  label           text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  subject         text NOT NULL CHECK (length(subject) <= 1000),
  der             bytea NOT NULL CHECK (length(der) BETWEEN 1 AND 16384),
  not_before      timestamptz NOT NULL,
  not_after       timestamptz NOT NULL,
  added_by        bigint NOT NULL REFERENCES users(id),
  added_at        timestamptz NOT NULL DEFAULT now(),
  removed_by      bigint REFERENCES users(id),
  removed_at      timestamptz,
  removed_reason  text CHECK (length(removed_reason) <= 500)
);
CREATE UNIQUE INDEX dcc_signers_live_kid_idx ON dcc_signers (kid) WHERE removed_at IS NULL;
