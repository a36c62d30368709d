CREATE TABLE "legal_aid_card_lawyer_hours" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"source" text NOT NULL,
	"source_id" uuid NOT NULL,
	"lawyer_user_id" uuid NOT NULL,
	"minutes" integer NOT NULL,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	CONSTRAINT "legal_aid_card_lawyer_hours_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "legal_aid_card_lawyer_hours_minutes" CHECK ("legal_aid_card_lawyer_hours"."minutes" between 1 and 1440)
);
--> statement-breakpoint
ALTER TABLE "legal_aid_card_lawyer_hours" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_aid_card_lawyer_hours" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "legal_aid_card_lawyer_hours" TO vc_app;--> statement-breakpoint
ALTER TABLE "legal_aid_card_lawyer_hours" ADD CONSTRAINT "legal_aid_card_lawyer_hours_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "legal_aid_card_lawyer_hours_source" ON "legal_aid_card_lawyer_hours" USING btree ("tenant_id","source","source_id");--> statement-breakpoint
CREATE INDEX "legal_aid_card_lawyer_hours_lawyer" ON "legal_aid_card_lawyer_hours" USING btree ("tenant_id","lawyer_user_id");--> statement-breakpoint
CREATE POLICY "legal_aid_card_lawyer_hours_tenant_isolation" ON "legal_aid_card_lawyer_hours" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);