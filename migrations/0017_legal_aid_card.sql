CREATE TABLE "legal_aid_card_activation_backoff" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"blocked_until" timestamp with time zone,
	CONSTRAINT "legal_aid_card_activation_backoff_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "legal_aid_card_activation_backoff" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_aid_card_activation_backoff" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "legal_aid_card_activation_backoff" TO vc_app;--> statement-breakpoint
CREATE TABLE "legal_aid_card_applications" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"applicant_user_id" uuid NOT NULL,
	"category" text NOT NULL,
	"matter" text NOT NULL,
	"adverse_party" text NOT NULL,
	"exempt_group" text,
	"hardship_statement" text,
	"committed_at" timestamp with time zone,
	"emergency_ground" text,
	"emergency_service_at" timestamp with time zone,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decision_due_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_reasons" text,
	"designation_due_at" timestamp with time zone,
	"lawyer_user_id" uuid,
	"designated_at" timestamp with time zone,
	"conflict_cleared_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"decision_alerted_at" timestamp with time zone,
	"designation_alerted_at" timestamp with time zone,
	CONSTRAINT "legal_aid_card_applications_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "legal_aid_card_applications_basis" CHECK ("legal_aid_card_applications"."exempt_group" is not null or ("legal_aid_card_applications"."hardship_statement" is not null and "legal_aid_card_applications"."committed_at" is not null)),
	CONSTRAINT "legal_aid_card_applications_reasons" CHECK ("legal_aid_card_applications"."status" <> 'rejected' or "legal_aid_card_applications"."decision_reasons" is not null)
);
--> statement-breakpoint
ALTER TABLE "legal_aid_card_applications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_aid_card_applications" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "legal_aid_card_applications" TO vc_app;--> statement-breakpoint
CREATE TABLE "legal_aid_card_batches" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"sponsor" text NOT NULL,
	"first_serial" bigint NOT NULL,
	"card_count" integer NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_aid_card_batches_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "legal_aid_card_batches_count" CHECK ("legal_aid_card_batches"."card_count" > 0),
	CONSTRAINT "legal_aid_card_batches_dates" CHECK ("legal_aid_card_batches"."valid_until" >= "legal_aid_card_batches"."valid_from")
);
--> statement-breakpoint
ALTER TABLE "legal_aid_card_batches" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_aid_card_batches" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "legal_aid_card_batches" TO vc_app;--> statement-breakpoint
CREATE TABLE "legal_aid_card_cards" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"number" text NOT NULL,
	"code_hash" text,
	"status" text DEFAULT 'issued' NOT NULL,
	"holder_user_id" uuid,
	"activated_at" timestamp with time zone,
	"replaces_card_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_aid_card_cards_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "legal_aid_card_cards_holder" CHECK ("legal_aid_card_cards"."status" = 'issued' or "legal_aid_card_cards"."holder_user_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "legal_aid_card_cards" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_aid_card_cards" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "legal_aid_card_cards" TO vc_app;--> statement-breakpoint
CREATE TABLE "legal_aid_card_case_notes" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "legal_aid_card_case_notes_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "legal_aid_card_case_notes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_aid_card_case_notes" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "legal_aid_card_case_notes" TO vc_app;--> statement-breakpoint
CREATE TABLE "legal_aid_card_consultation_messages" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"consultation_id" uuid NOT NULL,
	"author_user_id" uuid NOT NULL,
	"author" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "legal_aid_card_consultation_messages_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "legal_aid_card_consultation_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_aid_card_consultation_messages" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "legal_aid_card_consultation_messages" TO vc_app;--> statement-breakpoint
CREATE TABLE "legal_aid_card_consultations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"card_id" uuid NOT NULL,
	"holder_user_id" uuid NOT NULL,
	"category" text NOT NULL,
	"description" text NOT NULL,
	"preferred_contact" text NOT NULL,
	"contact_phone" text,
	"urgency" text NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"lawyer_user_id" uuid,
	"asked_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone,
	"overdue_alerted_at" timestamp with time zone,
	CONSTRAINT "legal_aid_card_consultations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "legal_aid_card_consultations_contact" CHECK ("legal_aid_card_consultations"."preferred_contact" <> 'phone' or "legal_aid_card_consultations"."contact_phone" is not null)
);
--> statement-breakpoint
ALTER TABLE "legal_aid_card_consultations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_aid_card_consultations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "legal_aid_card_consultations" TO vc_app;--> statement-breakpoint
CREATE TABLE "legal_aid_card_lawyer_conflicts" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"firm" text DEFAULT '' NOT NULL,
	"parties" text DEFAULT '' NOT NULL,
	CONSTRAINT "legal_aid_card_lawyer_conflicts_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "legal_aid_card_lawyer_conflicts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_aid_card_lawyer_conflicts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "legal_aid_card_lawyer_conflicts" TO vc_app;--> statement-breakpoint
CREATE TABLE "legal_aid_card_lessons" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"starts_at" timestamp with time zone,
	"place" text,
	"attendance" integer,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "legal_aid_card_lessons_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "legal_aid_card_lessons_session" CHECK ("legal_aid_card_lessons"."kind" = 'article' or ("legal_aid_card_lessons"."starts_at" is not null and "legal_aid_card_lessons"."place" is not null)),
	CONSTRAINT "legal_aid_card_lessons_attendance" CHECK ("legal_aid_card_lessons"."attendance" is null or ("legal_aid_card_lessons"."kind" = 'session' and "legal_aid_card_lessons"."attendance" >= 0))
);
--> statement-breakpoint
ALTER TABLE "legal_aid_card_lessons" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_aid_card_lessons" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "legal_aid_card_lessons" TO vc_app;--> statement-breakpoint
CREATE TABLE "legal_aid_card_serial_counters" (
	"tenant_id" uuid NOT NULL,
	"last_serial" bigint NOT NULL,
	CONSTRAINT "legal_aid_card_serial_counters_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
ALTER TABLE "legal_aid_card_serial_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "legal_aid_card_serial_counters" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "legal_aid_card_serial_counters" TO vc_app;--> statement-breakpoint
ALTER TABLE "legal_aid_card_activation_backoff" ADD CONSTRAINT "legal_aid_card_activation_backoff_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_applications" ADD CONSTRAINT "legal_aid_card_applications_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_applications" ADD CONSTRAINT "legal_aid_card_applications_tenant_id_card_id_legal_aid_card_cards_tenant_id_id_fk" FOREIGN KEY ("tenant_id","card_id") REFERENCES "public"."legal_aid_card_cards"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_batches" ADD CONSTRAINT "legal_aid_card_batches_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_cards" ADD CONSTRAINT "legal_aid_card_cards_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_cards" ADD CONSTRAINT "legal_aid_card_cards_tenant_id_batch_id_legal_aid_card_batches_tenant_id_id_fk" FOREIGN KEY ("tenant_id","batch_id") REFERENCES "public"."legal_aid_card_batches"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_case_notes" ADD CONSTRAINT "legal_aid_card_case_notes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_case_notes" ADD CONSTRAINT "legal_aid_card_case_notes_tenant_id_application_id_legal_aid_card_applications_tenant_id_id_fk" FOREIGN KEY ("tenant_id","application_id") REFERENCES "public"."legal_aid_card_applications"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_consultation_messages" ADD CONSTRAINT "legal_aid_card_consultation_messages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_consultation_messages" ADD CONSTRAINT "legal_aid_card_consultation_messages_tenant_id_consultation_id_legal_aid_card_consultations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","consultation_id") REFERENCES "public"."legal_aid_card_consultations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_consultations" ADD CONSTRAINT "legal_aid_card_consultations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_consultations" ADD CONSTRAINT "legal_aid_card_consultations_tenant_id_card_id_legal_aid_card_cards_tenant_id_id_fk" FOREIGN KEY ("tenant_id","card_id") REFERENCES "public"."legal_aid_card_cards"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_lawyer_conflicts" ADD CONSTRAINT "legal_aid_card_lawyer_conflicts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_lessons" ADD CONSTRAINT "legal_aid_card_lessons_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_aid_card_serial_counters" ADD CONSTRAINT "legal_aid_card_serial_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "legal_aid_card_applications_status" ON "legal_aid_card_applications" USING btree ("tenant_id","status","decision_due_at");--> statement-breakpoint
CREATE INDEX "legal_aid_card_applications_applicant" ON "legal_aid_card_applications" USING btree ("tenant_id","applicant_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_aid_card_cards_number" ON "legal_aid_card_cards" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "legal_aid_card_cards_one_active" ON "legal_aid_card_cards" USING btree ("tenant_id","holder_user_id") WHERE "legal_aid_card_cards"."status" = 'active';--> statement-breakpoint
CREATE INDEX "legal_aid_card_cards_batch" ON "legal_aid_card_cards" USING btree ("tenant_id","batch_id","status");--> statement-breakpoint
CREATE INDEX "legal_aid_card_case_notes_case" ON "legal_aid_card_case_notes" USING btree ("tenant_id","application_id","created_at");--> statement-breakpoint
CREATE INDEX "legal_aid_card_consultation_messages_thread" ON "legal_aid_card_consultation_messages" USING btree ("tenant_id","consultation_id","created_at");--> statement-breakpoint
CREATE INDEX "legal_aid_card_consultations_queue" ON "legal_aid_card_consultations" USING btree ("tenant_id","status","due_at");--> statement-breakpoint
CREATE INDEX "legal_aid_card_consultations_holder" ON "legal_aid_card_consultations" USING btree ("tenant_id","holder_user_id");--> statement-breakpoint
CREATE INDEX "legal_aid_card_lessons_category" ON "legal_aid_card_lessons" USING btree ("tenant_id","category","created_at");--> statement-breakpoint
CREATE POLICY "legal_aid_card_activation_backoff_tenant_isolation" ON "legal_aid_card_activation_backoff" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "legal_aid_card_applications_tenant_isolation" ON "legal_aid_card_applications" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "legal_aid_card_batches_tenant_isolation" ON "legal_aid_card_batches" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "legal_aid_card_cards_tenant_isolation" ON "legal_aid_card_cards" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "legal_aid_card_case_notes_tenant_isolation" ON "legal_aid_card_case_notes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "legal_aid_card_consultation_messages_tenant_isolation" ON "legal_aid_card_consultation_messages" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "legal_aid_card_consultations_tenant_isolation" ON "legal_aid_card_consultations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "legal_aid_card_lawyer_conflicts_tenant_isolation" ON "legal_aid_card_lawyer_conflicts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "legal_aid_card_lessons_tenant_isolation" ON "legal_aid_card_lessons" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "legal_aid_card_serial_counters_tenant_isolation" ON "legal_aid_card_serial_counters" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);