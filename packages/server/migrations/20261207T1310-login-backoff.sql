-- Accounts and sign-in hardening (issue #14).
--
-- 1. A person has at most one account: an account bound to a person acts as that person (their
--    code, their declarations), so a second one is a takeover. Fails loudly on a node that already
--    holds two accounts for one person: an operator must decide which one is the person's.
CREATE UNIQUE INDEX users_person_id_key ON users (person_id) WHERE person_id IS NOT NULL;

-- 2. Failed sign-ins, per (name as typed, client address), whether or not the account exists, so
--    an unknown name is answered exactly like a known one. `address` '*' is the account-wide
--    counter. An address that keeps failing waits longer each time (`blocked_until`); nobody else
--    is locked out. `account_key` is the lower-cased name when it could be a username, otherwise
--    '#' and the SHA-256 of the name (never stores what cannot be a username).
CREATE TABLE login_failures (
  account_key     text NOT NULL CHECK (length(account_key) BETWEEN 1 AND 80),
  address         text NOT NULL CHECK (length(address) BETWEEN 1 AND 64),
  failures        integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
  last_failed_at  timestamptz NOT NULL DEFAULT now(),
  blocked_until   timestamptz,
  PRIMARY KEY (account_key, address)
);
CREATE INDEX login_failures_last_failed_idx ON login_failures (last_failed_at);

-- The hard per-account lock is gone (anyone could trigger it): its columns with it.
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;
