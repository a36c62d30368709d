CREATE TABLE "child_care_visits_access_log" (
	"tenant_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"actor_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"action" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "child_care_visits_access_log_tenant_id_seq_pk" PRIMARY KEY("tenant_id","seq")
);
--> statement-breakpoint
ALTER TABLE "child_care_visits_access_log" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "child_care_visits_access_log" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "child_care_visits_access_log" TO vc_app;--> statement-breakpoint
CREATE TABLE "child_care_visits_child_details" (
	"tenant_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"guardian_name" text NOT NULL,
	"guardian_phone" text NOT NULL,
	"address" text NOT NULL,
	"school" text NOT NULL,
	"needs" text NOT NULL,
	CONSTRAINT "child_care_visits_child_details_tenant_id_child_id_pk" PRIMARY KEY("tenant_id","child_id")
);
--> statement-breakpoint
ALTER TABLE "child_care_visits_child_details" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "child_care_visits_child_details" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "child_care_visits_child_details" TO vc_app;--> statement-breakpoint
CREATE TABLE "child_care_visits_children" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"district" text NOT NULL,
	"village" text NOT NULL,
	"risk_level" text NOT NULL,
	"risk_reasons" text NOT NULL,
	"review_on" date NOT NULL,
	"director_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"registered_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "child_care_visits_children_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "child_care_visits_children" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "child_care_visits_children" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "child_care_visits_children" TO vc_app;--> statement-breakpoint
CREATE TABLE "child_care_visits_consents" (
	"tenant_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"given_by" text NOT NULL,
	"relation" text NOT NULL,
	"purposes" text NOT NULL,
	"given_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "child_care_visits_consents_tenant_id_child_id_pk" PRIMARY KEY("tenant_id","child_id")
);
--> statement-breakpoint
ALTER TABLE "child_care_visits_consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "child_care_visits_consents" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "child_care_visits_consents" TO vc_app;--> statement-breakpoint
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
CREATE TABLE "child_care_visits_supervisor_districts" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"district" text NOT NULL,
	CONSTRAINT "child_care_visits_supervisor_districts_tenant_id_user_id_district_pk" PRIMARY KEY("tenant_id","user_id","district")
);
--> statement-breakpoint
ALTER TABLE "child_care_visits_supervisor_districts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "child_care_visits_supervisor_districts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "child_care_visits_supervisor_districts" TO vc_app;--> statement-breakpoint
CREATE TABLE "child_care_visits_visits" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"mode" text NOT NULL,
	"findings" text NOT NULL,
	"needs" text NOT NULL,
	"follow_up" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "child_care_visits_visits_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "child_care_visits_visits" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "child_care_visits_visits" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "child_care_visits_visits" TO vc_app;--> statement-breakpoint
ALTER TABLE "child_care_visits_access_log" ADD CONSTRAINT "child_care_visits_access_log_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_child_details" ADD CONSTRAINT "child_care_visits_child_details_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_child_details" ADD CONSTRAINT "child_care_visits_child_details_tenant_id_child_id_child_care_visits_consents_tenant_id_child_id_fk" FOREIGN KEY ("tenant_id","child_id") REFERENCES "public"."child_care_visits_consents"("tenant_id","child_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_children" ADD CONSTRAINT "child_care_visits_children_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_consents" ADD CONSTRAINT "child_care_visits_consents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_consents" ADD CONSTRAINT "child_care_visits_consents_tenant_id_child_id_child_care_visits_children_tenant_id_id_fk" FOREIGN KEY ("tenant_id","child_id") REFERENCES "public"."child_care_visits_children"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_referrals" ADD CONSTRAINT "child_care_visits_referrals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_referrals" ADD CONSTRAINT "child_care_visits_referrals_tenant_id_child_id_child_care_visits_children_tenant_id_id_fk" FOREIGN KEY ("tenant_id","child_id") REFERENCES "public"."child_care_visits_children"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_supervisor_districts" ADD CONSTRAINT "child_care_visits_supervisor_districts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_visits" ADD CONSTRAINT "child_care_visits_visits_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_care_visits_visits" ADD CONSTRAINT "child_care_visits_visits_tenant_id_child_id_child_care_visits_children_tenant_id_id_fk" FOREIGN KEY ("tenant_id","child_id") REFERENCES "public"."child_care_visits_children"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "child_care_visits_access_log_hash" ON "child_care_visits_access_log" USING btree ("tenant_id","hash");--> statement-breakpoint
CREATE INDEX "child_care_visits_access_log_child" ON "child_care_visits_access_log" USING btree ("tenant_id","child_id","seq");--> statement-breakpoint
CREATE INDEX "child_care_visits_children_director" ON "child_care_visits_children" USING btree ("tenant_id","director_id","status");--> statement-breakpoint
CREATE INDEX "child_care_visits_children_district" ON "child_care_visits_children" USING btree ("tenant_id","district","status");--> statement-breakpoint
CREATE INDEX "child_care_visits_referrals_child" ON "child_care_visits_referrals" USING btree ("tenant_id","child_id","raised_at");--> statement-breakpoint
CREATE INDEX "child_care_visits_visits_child" ON "child_care_visits_visits" USING btree ("tenant_id","child_id","visited_on");--> statement-breakpoint
CREATE POLICY "child_care_visits_access_log_tenant_isolation" ON "child_care_visits_access_log" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "child_care_visits_child_details_tenant_isolation" ON "child_care_visits_child_details" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "child_care_visits_children_tenant_isolation" ON "child_care_visits_children" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "child_care_visits_consents_tenant_isolation" ON "child_care_visits_consents" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "child_care_visits_referrals_tenant_isolation" ON "child_care_visits_referrals" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "child_care_visits_supervisor_districts_tenant_isolation" ON "child_care_visits_supervisor_districts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "child_care_visits_visits_tenant_isolation" ON "child_care_visits_visits" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);