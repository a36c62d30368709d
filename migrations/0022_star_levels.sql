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
ALTER TABLE "star_level_settings" ADD CONSTRAINT "star_level_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_star_levels" ADD CONSTRAINT "volunteer_star_levels_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_star_levels" ADD CONSTRAINT "volunteer_star_levels_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_star_levels_stars" ON "volunteer_star_levels" USING btree ("tenant_id","stars","verified_minutes");--> statement-breakpoint
CREATE POLICY "star_level_settings_tenant_isolation" ON "star_level_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_star_levels_tenant_isolation" ON "volunteer_star_levels" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);