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
ALTER TABLE "volunteer_commendations" ADD CONSTRAINT "volunteer_commendations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_commendations" ADD CONSTRAINT "volunteer_commendations_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_commendations" ADD CONSTRAINT "volunteer_commendations_tenant_id_volunteer_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","volunteer_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_commendations" ADD CONSTRAINT "volunteer_commendations_tenant_id_recorded_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","recorded_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_tenant_id_organisation_id_organisations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_tenant_id_volunteer_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","volunteer_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_trainings" ADD CONSTRAINT "volunteer_trainings_tenant_id_recorded_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","recorded_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "volunteer_commendations_volunteer" ON "volunteer_commendations" USING btree ("tenant_id","volunteer_user_id","awarded_on");--> statement-breakpoint
CREATE INDEX "volunteer_commendations_organisation" ON "volunteer_commendations" USING btree ("tenant_id","organisation_id","awarded_on");--> statement-breakpoint
CREATE INDEX "volunteer_trainings_volunteer" ON "volunteer_trainings" USING btree ("tenant_id","volunteer_user_id","held_on");--> statement-breakpoint
CREATE INDEX "volunteer_trainings_organisation" ON "volunteer_trainings" USING btree ("tenant_id","organisation_id","held_on");--> statement-breakpoint
CREATE POLICY "volunteer_commendations_tenant_isolation" ON "volunteer_commendations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_trainings_tenant_isolation" ON "volunteer_trainings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);