-- Least privilege for a Lianfang node on a PostgreSQL server (docs/operations.md "Least privilege").
--
-- The application connects as a role that owns nothing: it reads and writes rows, appends to the
-- audit log, and creates or drops check-in day partitions only through the owner's SECURITY
-- DEFINER functions. It cannot alter, disable the triggers of, truncate or drop any table, so its
-- own credentials cannot switch off the audit log's append-only trigger. Migrations run as the
-- owner (`lianfang migrate` with the owner's DATABASE_URL); then run this script again, as the
-- owner, so new tables get their grants. Idempotent.
--
--   psql "$OWNER_DATABASE_URL" -v app_role=lianfang_app -v schema=public -f scripts/db-least-privilege.sql
--   # then give the role a password: ALTER ROLE lianfang_app PASSWORD '…' (or use certificates)
\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', :'app_role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app_role') \gexec

-- Owns nothing, creates nothing.
REVOKE CREATE ON SCHEMA :"schema" FROM PUBLIC;
REVOKE ALL ON SCHEMA :"schema" FROM :"app_role";
GRANT USAGE ON SCHEMA :"schema" TO :"app_role";

-- Rows: read and write; the audit log: read and append only.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA :"schema" TO :"app_role";
SELECT format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I.audit_log FROM %I', :'schema', :'app_role') \gexec
SELECT format('REVOKE ALL ON %I.schema_migrations FROM %I', :'schema', :'app_role') \gexec
SELECT format('GRANT SELECT ON %I.schema_migrations TO %I', :'schema', :'app_role') \gexec
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA :"schema" TO :"app_role";
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA :"schema" TO :"app_role";

-- What the owner creates later (check-in day partitions, via ensure_checkin_partition) gets the same.
ALTER DEFAULT PRIVILEGES IN SCHEMA :"schema" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES IN SCHEMA :"schema" GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";
