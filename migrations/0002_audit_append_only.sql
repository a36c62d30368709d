-- Hand-written. The audit log is append-only: the app role may insert and read,
-- and a trigger refuses UPDATE and DELETE for everyone, the owner included.
REVOKE UPDATE, DELETE, TRUNCATE ON "audit_log" FROM vc_app;--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
