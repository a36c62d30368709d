CREATE TABLE "volunteer_transfers_in" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"origin_tenant_id" uuid NOT NULL,
	"origin_transfer_id" uuid NOT NULL,
	"origin_city" text NOT NULL,
	"volunteer_number" text NOT NULL,
	"id_number_hash" text NOT NULL,
	"code_hash" text NOT NULL,
	"status" text NOT NULL,
	"user_id" uuid,
	"import_id" uuid,
	"minutes" integer,
	"arrived_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "volunteer_transfers_in_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteer_transfers_in_status_known" CHECK ("volunteer_transfers_in"."status" in ('awaiting', 'accepted', 'completed'))
);
--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "volunteer_transfers_in" TO vc_app;--> statement-breakpoint
CREATE TABLE "volunteer_transfers_out" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"destination_tenant_id" uuid NOT NULL,
	"status" text NOT NULL,
	"refusal_reason" text,
	"code_sealed" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"records" jsonb,
	"carried_record_ids" uuid[],
	"minutes" integer,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "volunteer_transfers_out_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "volunteer_transfers_out_status_known" CHECK ("volunteer_transfers_out"."status" in ('requested', 'refused', 'approved', 'completed')),
	CONSTRAINT "volunteer_transfers_out_elsewhere" CHECK ("volunteer_transfers_out"."destination_tenant_id" <> "volunteer_transfers_out"."tenant_id")
);
--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "volunteer_transfers_out" TO vc_app;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ADD CONSTRAINT "volunteer_transfers_in_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ADD CONSTRAINT "volunteer_transfers_in_origin_tenant_id_tenants_id_fk" FOREIGN KEY ("origin_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ADD CONSTRAINT "volunteer_transfers_in_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ADD CONSTRAINT "volunteer_transfers_in_tenant_id_import_id_service_record_imports_tenant_id_id_fk" FOREIGN KEY ("tenant_id","import_id") REFERENCES "public"."service_record_imports"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ADD CONSTRAINT "volunteer_transfers_out_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ADD CONSTRAINT "volunteer_transfers_out_destination_tenant_id_tenants_id_fk" FOREIGN KEY ("destination_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ADD CONSTRAINT "volunteer_transfers_out_tenant_id_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ADD CONSTRAINT "volunteer_transfers_out_tenant_id_decided_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","decided_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_transfers_in_origin" ON "volunteer_transfers_in" USING btree ("tenant_id","origin_tenant_id","origin_transfer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_transfers_in_code" ON "volunteer_transfers_in" USING btree ("tenant_id","code_hash");--> statement-breakpoint
CREATE INDEX "volunteer_transfers_in_user" ON "volunteer_transfers_in" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "volunteer_transfers_out_user" ON "volunteer_transfers_out" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "volunteer_transfers_out_status" ON "volunteer_transfers_out" USING btree ("tenant_id","status","requested_at");--> statement-breakpoint
CREATE POLICY "volunteer_transfers_in_tenant_isolation" ON "volunteer_transfers_in" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "volunteer_transfers_out_tenant_isolation" ON "volunteer_transfers_out" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);