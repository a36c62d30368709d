-- Hand-written. Transfers and entries are append-only: a mistake is corrected by a
-- reversing transfer. The app role may insert and read; a trigger refuses UPDATE
-- and DELETE for everyone, the owner included (a direct rewrite is still possible
-- for a superuser who drops the trigger, and `npm run ledger:verify` finds it).
REVOKE UPDATE, DELETE, TRUNCATE ON "ledger_transfers", "ledger_entries" FROM vc_app;--> statement-breakpoint
CREATE OR REPLACE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: post a reversing transfer instead', TG_TABLE_NAME;
END $$;--> statement-breakpoint
CREATE TRIGGER ledger_transfers_append_only BEFORE UPDATE OR DELETE ON "ledger_transfers"
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
