CREATE TABLE "activity_checkin_keys" (
	"tenant_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_checkin_keys_tenant_id_activity_id_pk" PRIMARY KEY("tenant_id","activity_id")
);
--> statement-breakpoint
ALTER TABLE "activity_checkin_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "activity_checkin_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "service_certificates" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"volunteer_user_id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"total_minutes" integer NOT NULL,
	"record_ids" uuid[] NOT NULL,
	"summary" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_certificates_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "service_certificates_period" CHECK ("service_certificates"."period_to" >= "service_certificates"."period_from")
);
--> statement-breakpoint
ALTER TABLE "service_certificates" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "service_certificates" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "service_records" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"volunteer_user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"activity_id" uuid,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"minutes" integer DEFAULT 0 NOT NULL,
	"content" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_minutes" integer,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"rejection_reason" text,
	"transfer_id" uuid,
	"revoked_by" uuid,
	"revoked_at" timestamp with time zone,
	"revocation_reason" text,
	"rating" smallint,
	"evaluation" text,
	"evaluated_by" uuid,
	"evaluated_at" timestamp with time zone,
	"dispute_reason" text,
	"disputed_at" timestamp with time zone,
	"dispute_answer" text,
	"dispute_answered_by" uuid,
	"dispute_answered_at" timestamp with time zone,
	CONSTRAINT "service_records_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "service_records_status_known" CHECK ("service_records"."status" in ('open', 'pending', 'verified', 'rejected', 'revoked')),
	CONSTRAINT "service_records_source_known" CHECK ("service_records"."source" in ('checkin', 'claim', 'organiser')),
	CONSTRAINT "service_records_minutes" CHECK ("service_records"."minutes" >= 0 and "service_records"."minutes" <= 1440),
	CONSTRAINT "service_records_times" CHECK ("service_records"."ended_at" is null or "service_records"."ended_at" >= "service_records"."started_at"),
	CONSTRAINT "service_records_rating" CHECK ("service_records"."rating" is null or "service_records"."rating" between 1 and 5),
	CONSTRAINT "service_records_verified_posted" CHECK ("service_records"."status" not in ('verified', 'revoked') or "service_records"."transfer_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "service_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "service_records" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "spot_check_items" (
	"tenant_id" uuid NOT NULL,
	"spot_check_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"outcome" text DEFAULT 'unchecked' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"checked_by" uuid,
	"checked_at" timestamp with time zone,
	CONSTRAINT "spot_check_items_tenant_id_spot_check_id_record_id_pk" PRIMARY KEY("tenant_id","spot_check_id","record_id"),
	CONSTRAINT "spot_check_items_outcome_known" CHECK ("spot_check_items"."outcome" in ('unchecked', 'confirmed', 'problem'))
);
--> statement-breakpoint
ALTER TABLE "spot_check_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "spot_check_items" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "spot_checks" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"seed" text NOT NULL,
	"sample_size" integer NOT NULL,
	"population" integer NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "spot_checks_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "spot_checks_period" CHECK ("spot_checks"."period_to" >= "spot_checks"."period_from"),
	CONSTRAINT "spot_checks_sample_size" CHECK ("spot_checks"."sample_size" > 0)
);
--> statement-breakpoint
ALTER TABLE "spot_checks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "spot_checks" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "activity_checkin_keys" ADD CONSTRAINT "activity_checkin_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_checkin_keys" ADD CONSTRAINT "activity_checkin_keys_tenant_id_activity_id_activities_tenant_id_id_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."activities"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_certificates" ADD CONSTRAINT "service_certificates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_certificates" ADD CONSTRAINT "service_certificates_tenant_id_volunteer_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","volunteer_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_tenant_id_volunteer_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","volunteer_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_tenant_id_created_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_tenant_id_decided_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","decided_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_tenant_id_revoked_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","revoked_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_tenant_id_evaluated_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","evaluated_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_tenant_id_dispute_answered_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","dispute_answered_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_tenant_id_project_id_projects_tenant_id_id_fk" FOREIGN KEY ("tenant_id","project_id") REFERENCES "public"."projects"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_tenant_id_activity_id_activities_tenant_id_id_fk" FOREIGN KEY ("tenant_id","activity_id") REFERENCES "public"."activities"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_items" ADD CONSTRAINT "spot_check_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_items" ADD CONSTRAINT "spot_check_items_tenant_id_spot_check_id_spot_checks_tenant_id_id_fk" FOREIGN KEY ("tenant_id","spot_check_id") REFERENCES "public"."spot_checks"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_items" ADD CONSTRAINT "spot_check_items_tenant_id_record_id_service_records_tenant_id_id_fk" FOREIGN KEY ("tenant_id","record_id") REFERENCES "public"."service_records"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_check_items" ADD CONSTRAINT "spot_check_items_tenant_id_checked_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","checked_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "spot_checks" ADD CONSTRAINT "spot_checks_tenant_id_created_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","created_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_certificates_code" ON "service_certificates" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "service_certificates_volunteer" ON "service_certificates" USING btree ("tenant_id","volunteer_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_records_one_per_activity" ON "service_records" USING btree ("tenant_id","activity_id","volunteer_user_id") WHERE activity_id is not null and status in ('open', 'pending', 'verified');--> statement-breakpoint
CREATE INDEX "service_records_volunteer" ON "service_records" USING btree ("tenant_id","volunteer_user_id","started_at");--> statement-breakpoint
CREATE INDEX "service_records_organisation" ON "service_records" USING btree ("tenant_id","organisation_id","status","started_at");--> statement-breakpoint
CREATE INDEX "service_records_status" ON "service_records" USING btree ("tenant_id","status","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "spot_check_items_position" ON "spot_check_items" USING btree ("tenant_id","spot_check_id","position");--> statement-breakpoint
CREATE INDEX "spot_checks_created" ON "spot_checks" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE POLICY "activity_checkin_keys_tenant_isolation" ON "activity_checkin_keys" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "service_certificates_tenant_isolation" ON "service_certificates" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "service_records_tenant_isolation" ON "service_records" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "spot_check_items_tenant_isolation" ON "spot_check_items" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "spot_checks_tenant_isolation" ON "spot_checks" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);