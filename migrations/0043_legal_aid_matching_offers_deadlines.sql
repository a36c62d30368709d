CREATE TABLE "legal_aid_card_case_deadlines" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"soon_alerted_at" timestamp with time zone,
	"overdue_alerted_at" timestamp with time zone,
	CONSTRAINT "legal_aid_card_case_deadlines_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "legal_aid_card_case_deadlines_done" CHECK (("legal_aid_card_case_deadlines"."done_at" is null) = ("legal_aid_card_case_deadlines"."done_by" is null))
);
--> statement-breakpoint
ALTER TABLE "legal_aid_card_case_deadlines" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_aid_card_case_deadlines" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "legal_aid_card_case_deadlines" TO vc_app;--> statement-breakpoint
ALTER TABLE "legal_aid_card_applications" ADD COLUMN "district" text;--> statement-breakpoint
ALTER TABLE "legal_aid_card_applications" ADD COLUMN "offered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "legal_aid_card_applications" ADD COLUMN "offered_by" uuid;--> statement-breakpoint
ALTER TABLE "legal_aid_card_batches" ADD COLUMN "foundation_id" uuid;--> statement-breakpoint
ALTER TABLE "legal_aid_card_consultations" ADD COLUMN "district" text;--> statement-breakpoint
ALTER TABLE "legal_aid_card_lawyer_conflicts" ADD COLUMN "areas" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "legal_aid_card_lawyer_conflicts" ADD COLUMN "districts" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "legal_aid_card_case_deadlines" ADD CONSTRAINT "legal_aid_card_case_deadlines_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_case_deadlines" ADD CONSTRAINT "legal_aid_card_case_deadlines_tenant_id_application_id_legal_aid_card_applications_tenant_id_id_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."legal_aid_card_applications"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "legal_aid_card_case_deadlines_case" ON "legal_aid_card_case_deadlines" USING btree ("tenant_id","application_id","due_at");--> statement-breakpoint
CREATE INDEX "legal_aid_card_case_deadlines_open" ON "legal_aid_card_case_deadlines" USING btree ("tenant_id","due_at") WHERE "legal_aid_card_case_deadlines"."done_at" is null;--> statement-breakpoint
CREATE POLICY "legal_aid_card_case_deadlines_tenant_isolation" ON "legal_aid_card_case_deadlines" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);