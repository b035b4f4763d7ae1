-- One audit record in one statement (AuditService.record): take the chain's lock, read its head
-- and insert the record with hash = SHA-256(prev_hash ‖ content), where `content` is the record's
-- canonical text made by the server (audit-hash.ts `auditContentText`), so `verify` recomputes
-- the same hash. Each statement of a VOLATILE PL/pgSQL function takes a new snapshot, so the head
-- is read after the lock is held and sees every record committed before it: the chain cannot fork.
-- The same lock key as AuditService.appendMany, so both kinds of append share one order.
CREATE FUNCTION audit_append(
  p_lock bigint, p_genesis text, p_at timestamptz, p_actor_user_id bigint, p_actor_name text,
  p_actor_role text, p_actor_region text, p_action text, p_target_type text, p_target_id text,
  p_reason text, p_details jsonb, p_content text
) RETURNS void LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  prev text;
BEGIN
  PERFORM pg_advisory_xact_lock(p_lock);
  SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, p_genesis);
  INSERT INTO audit_log (at, actor_user_id, actor_name, actor_role, actor_region, action,
                         target_type, target_id, reason, details, prev_hash, hash)
  VALUES (p_at, p_actor_user_id, p_actor_name, p_actor_role, p_actor_region, p_action,
          p_target_type, p_target_id, p_reason, p_details, prev,
          encode(sha256(convert_to(prev || p_content, 'UTF8')), 'hex'));
END $$;
