-- The ledger's hot inserts check their city once, through (tenant_id, account) to ledger_accounts, whose
-- own key to tenants proves the city exists: three fewer foreign-key queries a posting (issue 16 item 3).
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_tenant_id_tenants_id_fk";
--> statement-breakpoint
ALTER TABLE "ledger_transfers" DROP CONSTRAINT "ledger_transfers_tenant_id_tenants_id_fk";
