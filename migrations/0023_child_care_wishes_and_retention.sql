CREATE TABLE "child_care_visits_wishes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"alias" text NOT NULL,
	"age_band" text NOT NULL,
	"district" text NOT NULL,
	"wish" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"claimed_by" uuid,
	"claimed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"fulfilled_at" timestamp with time zone,
	CONSTRAINT "child_care_visits_wishes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "child_care_visits_wishes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "child_care_visits_wishes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "child_care_visits_wishes" TO vc_app;--> statement-breakpoint
ALTER TABLE "child_care_visits_children" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "child_care_visits_children" ADD COLUMN "close_reason" text;--> statement-breakpoint
ALTER TABLE "child_care_visits_children" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "child_care_visits_children" ADD COLUMN "erased_on" date;--> statement-breakpoint
ALTER TABLE "child_care_visits_wishes" ADD CONSTRAINT "child_care_visits_wishes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_wishes" ADD CONSTRAINT "child_care_visits_wishes_tenant_id_child_id_child_care_visits_children_tenant_id_id_fk" FOREIGN KEY ("tenant_id","child_id") REFERENCES "public"."child_care_visits_children"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "child_care_visits_wishes_status" ON "child_care_visits_wishes" USING btree ("tenant_id","status","published_at");--> statement-breakpoint
CREATE INDEX "child_care_visits_wishes_child" ON "child_care_visits_wishes" USING btree ("tenant_id","child_id");--> statement-breakpoint
CREATE POLICY "child_care_visits_wishes_tenant_isolation" ON "child_care_visits_wishes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);