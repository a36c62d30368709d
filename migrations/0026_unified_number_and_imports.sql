CREATE SEQUENCE "public"."volunteer_number_sequence" INCREMENT BY 1 MINVALUE 1 MAXVALUE 999999999 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "service_record_import_rows" (
	"tenant_id" uuid NOT NULL,
	"import_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"source_id" text NOT NULL,
	"outcome" text NOT NULL,
	"problems" jsonb NOT NULL,
	"volunteer_user_id" uuid,
	"service" jsonb,
	"minutes" integer DEFAULT 0 NOT NULL,
	"transfer_id" uuid,
	"posted_at" timestamp with time zone,
	CONSTRAINT "service_record_import_rows_tenant_id_import_id_row_number_pk" PRIMARY KEY("tenant_id","import_id","row_number"),
	CONSTRAINT "service_record_import_rows_outcome_known" CHECK ("service_record_import_rows"."outcome" in ('create', 'duplicate', 'invalid'))
);
--> statement-breakpoint
ALTER TABLE "service_record_import_rows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "service_record_import_rows" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "service_record_import_rows" TO vc_app;--> statement-breakpoint
CREATE TABLE "service_record_imports" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"status" text NOT NULL,
	"to_create" integer NOT NULL,
	"posted" integer DEFAULT 0 NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "service_record_imports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "service_record_imports_status_known" CHECK ("service_record_imports"."status" in ('checked', 'queued', 'running', 'done'))
);
--> statement-breakpoint
ALTER TABLE "service_record_imports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "service_record_imports" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "service_record_imports" TO vc_app;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "division_code" text;--> statement-breakpoint
ALTER TABLE "service_record_import_rows" ADD CONSTRAINT "service_record_import_rows_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_record_import_rows" ADD CONSTRAINT "service_record_import_rows_tenant_id_import_id_service_record_imports_tenant_id_id_fk" FOREIGN KEY ("tenant_id","import_id") REFERENCES "public"."service_record_imports"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_record_import_rows" ADD CONSTRAINT "service_record_import_rows_tenant_id_volunteer_user_id_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","volunteer_user_id") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_record_imports" ADD CONSTRAINT "service_record_imports_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_record_imports" ADD CONSTRAINT "service_record_imports_tenant_id_uploaded_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","uploaded_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_record_import_rows_posted_source" ON "service_record_import_rows" USING btree ("tenant_id","source_id") WHERE transfer_id is not null;--> statement-breakpoint
CREATE INDEX "service_record_import_rows_volunteer" ON "service_record_import_rows" USING btree ("tenant_id","volunteer_user_id");--> statement-breakpoint
CREATE INDEX "service_record_imports_created" ON "service_record_imports" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE POLICY "service_record_import_rows_tenant_isolation" ON "service_record_import_rows" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "service_record_imports_tenant_isolation" ON "service_record_imports" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);