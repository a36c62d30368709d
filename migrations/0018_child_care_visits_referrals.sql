CREATE TABLE "child_care_visits_referrals" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"raised_by" uuid NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "child_care_visits_referrals_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "child_care_visits_referrals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "child_care_visits_referrals" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "child_care_visits_referrals" TO vc_app;--> statement-breakpoint
ALTER TABLE "child_care_visits_referrals" ADD CONSTRAINT "child_care_visits_referrals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_referrals" ADD CONSTRAINT "child_care_visits_referrals_tenant_id_child_id_child_care_visits_children_tenant_id_id_fk" FOREIGN KEY ("tenant_id","child_id") REFERENCES "public"."child_care_visits_children"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "child_care_visits_referrals_child" ON "child_care_visits_referrals" USING btree ("tenant_id","child_id","raised_at");--> statement-breakpoint
CREATE POLICY "child_care_visits_referrals_tenant_isolation" ON "child_care_visits_referrals" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);