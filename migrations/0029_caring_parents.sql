CREATE TABLE "child_care_visits_caring_parents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"declared_no_record" boolean NOT NULL,
	"motivation" text NOT NULL,
	"status" text DEFAULT 'applied' NOT NULL,
	"applied_at" timestamp with time zone NOT NULL,
	"check_reference" text,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	CONSTRAINT "child_care_visits_caring_parents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "child_care_visits_caring_parents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "child_care_visits_caring_parents" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "child_care_visits_caring_parents" TO vc_app;--> statement-breakpoint
CREATE TABLE "child_care_visits_contacts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pairing_id" uuid NOT NULL,
	"contacted_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"mode" text NOT NULL,
	"note" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "child_care_visits_contacts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "child_care_visits_contacts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "child_care_visits_contacts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "child_care_visits_contacts" TO vc_app;--> statement-breakpoint
CREATE TABLE "child_care_visits_pairings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"caring_parent_id" uuid NOT NULL,
	"alias" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"paired_by" uuid NOT NULL,
	"paired_on" date NOT NULL,
	"ended_on" date,
	CONSTRAINT "child_care_visits_pairings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "child_care_visits_pairings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "child_care_visits_pairings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "child_care_visits_pairings" TO vc_app;--> statement-breakpoint
ALTER TABLE "child_care_visits_caring_parents" ADD CONSTRAINT "child_care_visits_caring_parents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_contacts" ADD CONSTRAINT "child_care_visits_contacts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_contacts" ADD CONSTRAINT "child_care_visits_contacts_tenant_id_pairing_id_child_care_visits_pairings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","pairing_id") REFERENCES "public"."child_care_visits_pairings"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_pairings" ADD CONSTRAINT "child_care_visits_pairings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_pairings" ADD CONSTRAINT "child_care_visits_pairings_tenant_id_child_id_child_care_visits_children_tenant_id_id_fk" FOREIGN KEY ("tenant_id","child_id") REFERENCES "public"."child_care_visits_children"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_pairings" ADD CONSTRAINT "child_care_visits_pairings_tenant_id_caring_parent_id_child_care_visits_caring_parents_tenant_id_id_fk" FOREIGN KEY ("tenant_id","caring_parent_id") REFERENCES "public"."child_care_visits_caring_parents"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "child_care_visits_caring_parents_user" ON "child_care_visits_caring_parents" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "child_care_visits_contacts_pairing" ON "child_care_visits_contacts" USING btree ("tenant_id","pairing_id","contacted_on");--> statement-breakpoint
CREATE INDEX "child_care_visits_pairings_child" ON "child_care_visits_pairings" USING btree ("tenant_id","child_id");--> statement-breakpoint
CREATE INDEX "child_care_visits_pairings_parent" ON "child_care_visits_pairings" USING btree ("tenant_id","caring_parent_id");--> statement-breakpoint
CREATE POLICY "child_care_visits_caring_parents_tenant_isolation" ON "child_care_visits_caring_parents" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "child_care_visits_contacts_tenant_isolation" ON "child_care_visits_contacts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "child_care_visits_pairings_tenant_isolation" ON "child_care_visits_pairings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);