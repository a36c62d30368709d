CREATE TABLE "identity_requirements" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"certificates" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "identity_requirements" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "identity_requirements" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "identity_requirements" TO vc_app;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "id_type" text;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "id_number_sealed" text;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "id_number_hash" text;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "birth_date" text;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "id_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "id_verified_by" uuid;--> statement-breakpoint
ALTER TABLE "identity_requirements" ADD CONSTRAINT "identity_requirements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_tenant_id_id_verified_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","id_verified_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_profiles_id_number" ON "volunteer_profiles" USING btree ("tenant_id","id_number_hash");--> statement-breakpoint
ALTER TABLE "volunteer_profiles" DROP COLUMN "id_card_number";--> statement-breakpoint
CREATE POLICY "identity_requirements_tenant_isolation" ON "identity_requirements" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);