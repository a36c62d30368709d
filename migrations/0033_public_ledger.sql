CREATE TABLE "ledger_daily_heads" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_daily_heads_tenant_id_day_pk" PRIMARY KEY("tenant_id","day")
);
--> statement-breakpoint
ALTER TABLE "ledger_daily_heads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "ledger_daily_heads" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "ledger_daily_heads" TO vc_app;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD COLUMN "public_ref" text DEFAULT substr(encode(sha256(convert_to(gen_random_uuid()::text, 'UTF8')), 'hex'), 1, 20) NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD COLUMN "hash_version" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD COLUMN "private_digest" text;--> statement-breakpoint
ALTER TABLE "ledger_daily_heads" ADD CONSTRAINT "ledger_daily_heads_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_public_ref" ON "ledger_accounts" USING btree ("tenant_id","public_ref");--> statement-breakpoint
CREATE POLICY "ledger_daily_heads_tenant_isolation" ON "ledger_daily_heads" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);