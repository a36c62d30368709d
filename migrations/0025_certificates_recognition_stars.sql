CREATE TABLE "certificate_number_counters" (
	"tenant_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "certificate_number_counters_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
ALTER TABLE "certificate_number_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "certificate_number_counters" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "certificate_number_counters" TO vc_app;--> statement-breakpoint
CREATE TABLE "organisation_seals" (
	"tenant_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"digest" text NOT NULL,
	"content_type" text NOT NULL,
	"image" "bytea" NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_seals_tenant_id_organisation_id_digest_pk" PRIMARY KEY("tenant_id","organisation_id","digest"),
	CONSTRAINT "organisation_seals_type" CHECK ("organisation_seals"."content_type" in ('image/png', 'image/jpeg', 'image/webp'))
);
--> statement-breakpoint
ALTER TABLE "organisation_seals" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "organisation_seals" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "organisation_seals" TO vc_app;--> statement-breakpoint
CREATE TABLE "volunteer_commendations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"volunteer_user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"awarded_by" text NOT NULL,
	"awarded_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_commendations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "volunteer_commendations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_commendations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "volunteer_commendations" TO vc_app;--> statement-breakpoint
CREATE TABLE "volunteer_trainings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"volunteer_user_id" uuid NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_trainings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteer_trainings_minutes" CHECK ("volunteer_trainings"."minutes" > 0 and "volunteer_trainings"."minutes" <= 1440)
);
--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "volunteer_trainings" TO vc_app;--> statement-breakpoint
CREATE TABLE "star_level_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"hours" integer[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "star_level_settings_five" CHECK (cardinality("star_level_settings"."hours") = 5)
);
--> statement-breakpoint
ALTER TABLE "star_level_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "star_level_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "star_level_settings" TO vc_app;--> statement-breakpoint
CREATE TABLE "volunteer_star_levels" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"stars" smallint NOT NULL,
	"verified_minutes" integer NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "volunteer_star_levels_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id"),
	CONSTRAINT "volunteer_star_levels_range" CHECK ("volunteer_star_levels"."stars" between 0 and 5)
);
--> statement-breakpoint
ALTER TABLE "volunteer_star_levels" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_star_levels" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "volunteer_star_levels" TO vc_app;--> statement-breakpoint
ALTER TABLE "service_certificates" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "service_certificates" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "service_certificates" ADD COLUMN "seal_digest" text;--> statement-breakpoint
ALTER TABLE "certificate_number_counters" ADD CONSTRAINT "certificate_number_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_seals" ADD CONSTRAINT "organisation_seals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_seals" ADD CONSTRAINT "organisation_seals_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_seals" ADD CONSTRAINT "organisation_seals_tenant_id_uploaded_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","uploaded_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_commendations" ADD CONSTRAINT "volunteer_commendations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_commendations" ADD CONSTRAINT "volunteer_commendations_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_commendations" ADD CONSTRAINT "volunteer_commendations_tenant_id_volunteer_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","volunteer_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_commendations" ADD CONSTRAINT "volunteer_commendations_tenant_id_recorded_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","recorded_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_tenant_id_volunteer_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","volunteer_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_tenant_id_recorded_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","recorded_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "star_level_settings" ADD CONSTRAINT "star_level_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_star_levels" ADD CONSTRAINT "volunteer_star_levels_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_star_levels" ADD CONSTRAINT "volunteer_star_levels_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_seals_newest" ON "organisation_seals" USING btree ("tenant_id","organisation_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "volunteer_commendations_volunteer" ON "volunteer_commendations" USING btree ("tenant_id","volunteer_user_id","awarded_on");--> statement-breakpoint
CREATE INDEX "volunteer_commendations_organisation" ON "volunteer_commendations" USING btree ("tenant_id","organisation_id","awarded_on");--> statement-breakpoint
CREATE INDEX "volunteer_trainings_volunteer" ON "volunteer_trainings" USING btree ("tenant_id","volunteer_user_id","held_on");--> statement-breakpoint
CREATE INDEX "volunteer_trainings_organisation" ON "volunteer_trainings" USING btree ("tenant_id","organisation_id","held_on");--> statement-breakpoint
CREATE INDEX "volunteer_star_levels_stars" ON "volunteer_star_levels" USING btree ("tenant_id","stars","verified_minutes");--> statement-breakpoint
ALTER TABLE "service_certificates" ADD CONSTRAINT "service_certificates_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_certificates" ADD CONSTRAINT "service_certificates_tenant_id_organisation_id_seal_digest_organisation_seals_tenant_id_organisation_id_digest_fk" FOREIGN KEY ("tenant_id","organisation_id","seal_digest") REFERENCES "public"."organisation_seals"("tenant_id","organisation_id","digest") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_certificates_number" ON "service_certificates" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "service_certificates_register" ON "service_certificates" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "service_certificates_organisation" ON "service_certificates" USING btree ("tenant_id","organisation_id","created_at");--> statement-breakpoint
CREATE POLICY "certificate_number_counters_tenant_isolation" ON "certificate_number_counters" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "organisation_seals_tenant_isolation" ON "organisation_seals" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_commendations_tenant_isolation" ON "volunteer_commendations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_trainings_tenant_isolation" ON "volunteer_trainings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "star_level_settings_tenant_isolation" ON "star_level_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_star_levels_tenant_isolation" ON "volunteer_star_levels" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);