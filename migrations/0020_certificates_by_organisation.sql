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
ALTER TABLE "service_certificates" ADD COLUMN "number" text;--> statement-breakpoint
ALTER TABLE "service_certificates" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "service_certificates" ADD COLUMN "seal_digest" text;--> statement-breakpoint
ALTER TABLE "certificate_number_counters" ADD CONSTRAINT "certificate_number_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_seals" ADD CONSTRAINT "organisation_seals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_seals" ADD CONSTRAINT "organisation_seals_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_seals" ADD CONSTRAINT "organisation_seals_tenant_id_uploaded_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","uploaded_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_seals_newest" ON "organisation_seals" USING btree ("tenant_id","organisation_id","uploaded_at");--> statement-breakpoint
ALTER TABLE "service_certificates" ADD CONSTRAINT "service_certificates_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_certificates" ADD CONSTRAINT "service_certificates_tenant_id_organisation_id_seal_digest_organisation_seals_tenant_id_organisation_id_digest_fk" FOREIGN KEY ("tenant_id","organisation_id","seal_digest") REFERENCES "public"."organisation_seals"("tenant_id","organisation_id","digest") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_certificates_number" ON "service_certificates" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "service_certificates_register" ON "service_certificates" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "service_certificates_organisation" ON "service_certificates" USING btree ("tenant_id","organisation_id","created_at");--> statement-breakpoint
CREATE POLICY "certificate_number_counters_tenant_isolation" ON "certificate_number_counters" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "organisation_seals_tenant_isolation" ON "organisation_seals" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);