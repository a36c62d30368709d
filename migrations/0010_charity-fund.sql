CREATE TABLE "charity_fund_distributions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"gift_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"beneficiary" text NOT NULL,
	"distributed_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charity_fund_distributions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "charity_fund_distributions_quantity" CHECK ("charity_fund_distributions"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "charity_fund_distributions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "charity_fund_distributions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "charity_fund_donations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"project_id" uuid,
	"donor_user_id" uuid,
	"donor_name" text NOT NULL,
	"visibility" text NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"amount_fen" bigint NOT NULL,
	"channel" text NOT NULL,
	"provider" text NOT NULL,
	"station_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"gateway_reference" text,
	"transfer_id" uuid,
	"receipt_number" text,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charity_fund_donations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "charity_fund_donations_amount" CHECK ("charity_fund_donations"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "charity_fund_donations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "charity_fund_donations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "charity_fund_expenses" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"project_id" uuid,
	"purpose" text NOT NULL,
	"payee" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"document_ref" text NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"rejection_reason" text,
	"transfer_id" uuid,
	CONSTRAINT "charity_fund_expenses_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "charity_fund_expenses_amount" CHECK ("charity_fund_expenses"."amount_fen" > 0),
	CONSTRAINT "charity_fund_expenses_two_people" CHECK ("charity_fund_expenses"."decided_by" is null or "charity_fund_expenses"."decided_by" <> "charity_fund_expenses"."proposed_by")
);
--> statement-breakpoint
ALTER TABLE "charity_fund_expenses" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "charity_fund_expenses" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "charity_fund_funds" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"community" text NOT NULL,
	"host_charity" text NOT NULL,
	"purpose" text NOT NULL,
	"target_fen" bigint NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"account_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charity_fund_funds_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "charity_fund_funds_target" CHECK ("charity_fund_funds"."target_fen" > 0),
	CONSTRAINT "charity_fund_funds_dates" CHECK ("charity_fund_funds"."ends_on" >= "charity_fund_funds"."starts_on")
);
--> statement-breakpoint
ALTER TABLE "charity_fund_funds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "charity_fund_funds" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "charity_fund_gateway_keys" (
	"tenant_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charity_fund_gateway_keys_tenant_id_provider_pk" PRIMARY KEY("tenant_id","provider")
);
--> statement-breakpoint
ALTER TABLE "charity_fund_gateway_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "charity_fund_gateway_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "charity_fund_gifts" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"station_id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"item" text NOT NULL,
	"unit" text NOT NULL,
	"quantity" integer NOT NULL,
	"estimated_fen" bigint NOT NULL,
	"donor_name" text NOT NULL,
	"visibility" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charity_fund_gifts_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "charity_fund_gifts_quantity" CHECK ("charity_fund_gifts"."quantity" > 0),
	CONSTRAINT "charity_fund_gifts_value" CHECK ("charity_fund_gifts"."estimated_fen" >= 0)
);
--> statement-breakpoint
ALTER TABLE "charity_fund_gifts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "charity_fund_gifts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "charity_fund_grants" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"amount_fen" bigint NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"rejection_reason" text,
	"transfer_id" uuid,
	CONSTRAINT "charity_fund_grants_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "charity_fund_grants_amount" CHECK ("charity_fund_grants"."amount_fen" > 0),
	CONSTRAINT "charity_fund_grants_two_people" CHECK ("charity_fund_grants"."decided_by" is null or "charity_fund_grants"."decided_by" <> "charity_fund_grants"."proposed_by")
);
--> statement-breakpoint
ALTER TABLE "charity_fund_grants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "charity_fund_grants" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "charity_fund_projects" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"fund_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"applicant" text NOT NULL,
	"need" text NOT NULL,
	"beneficiaries" text NOT NULL,
	"budget_fen" bigint NOT NULL,
	"submitted_by" uuid NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"approved_fen" bigint,
	"rejection_reason" text,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"account_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charity_fund_projects_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "charity_fund_projects_budget" CHECK ("charity_fund_projects"."budget_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "charity_fund_projects" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "charity_fund_projects" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "charity_fund_receipt_counters" (
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "charity_fund_receipt_counters_tenant_id_year_pk" PRIMARY KEY("tenant_id","year")
);
--> statement-breakpoint
ALTER TABLE "charity_fund_receipt_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "charity_fund_receipt_counters" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "charity_fund_stations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "charity_fund_stations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "charity_fund_stations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "charity_fund_stations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "charity_fund_distributions" ADD CONSTRAINT "charity_fund_distributions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_distributions" ADD CONSTRAINT "charity_fund_distributions_tenant_id_gift_id_charity_fund_gifts_tenant_id_id_fk" FOREIGN KEY ("tenant_id","gift_id") REFERENCES "public"."charity_fund_gifts"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_donations" ADD CONSTRAINT "charity_fund_donations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_donations" ADD CONSTRAINT "charity_fund_donations_tenant_id_fund_id_charity_fund_funds_tenant_id_id_fk" FOREIGN KEY ("tenant_id","fund_id") REFERENCES "public"."charity_fund_funds"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_donations" ADD CONSTRAINT "charity_fund_donations_tenant_id_project_id_charity_fund_projects_tenant_id_id_fk" FOREIGN KEY ("tenant_id","project_id") REFERENCES "public"."charity_fund_projects"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_donations" ADD CONSTRAINT "charity_fund_donations_tenant_id_station_id_charity_fund_stations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","station_id") REFERENCES "public"."charity_fund_stations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_expenses" ADD CONSTRAINT "charity_fund_expenses_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_expenses" ADD CONSTRAINT "charity_fund_expenses_tenant_id_fund_id_charity_fund_funds_tenant_id_id_fk" FOREIGN KEY ("tenant_id","fund_id") REFERENCES "public"."charity_fund_funds"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_expenses" ADD CONSTRAINT "charity_fund_expenses_tenant_id_project_id_charity_fund_projects_tenant_id_id_fk" FOREIGN KEY ("tenant_id","project_id") REFERENCES "public"."charity_fund_projects"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_funds" ADD CONSTRAINT "charity_fund_funds_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_gateway_keys" ADD CONSTRAINT "charity_fund_gateway_keys_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_gifts" ADD CONSTRAINT "charity_fund_gifts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_gifts" ADD CONSTRAINT "charity_fund_gifts_tenant_id_station_id_charity_fund_stations_tenant_id_id_fk" FOREIGN KEY ("tenant_id","station_id") REFERENCES "public"."charity_fund_stations"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_gifts" ADD CONSTRAINT "charity_fund_gifts_tenant_id_fund_id_charity_fund_funds_tenant_id_id_fk" FOREIGN KEY ("tenant_id","fund_id") REFERENCES "public"."charity_fund_funds"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_grants" ADD CONSTRAINT "charity_fund_grants_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_grants" ADD CONSTRAINT "charity_fund_grants_tenant_id_fund_id_charity_fund_funds_tenant_id_id_fk" FOREIGN KEY ("tenant_id","fund_id") REFERENCES "public"."charity_fund_funds"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_grants" ADD CONSTRAINT "charity_fund_grants_tenant_id_project_id_charity_fund_projects_tenant_id_id_fk" FOREIGN KEY ("tenant_id","project_id") REFERENCES "public"."charity_fund_projects"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_projects" ADD CONSTRAINT "charity_fund_projects_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_projects" ADD CONSTRAINT "charity_fund_projects_tenant_id_fund_id_charity_fund_funds_tenant_id_id_fk" FOREIGN KEY ("tenant_id","fund_id") REFERENCES "public"."charity_fund_funds"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_receipt_counters" ADD CONSTRAINT "charity_fund_receipt_counters_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charity_fund_stations" ADD CONSTRAINT "charity_fund_stations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "charity_fund_distributions_gift" ON "charity_fund_distributions" USING btree ("tenant_id","gift_id");--> statement-breakpoint
CREATE UNIQUE INDEX "charity_fund_donations_receipt" ON "charity_fund_donations" USING btree ("tenant_id","receipt_number") WHERE receipt_number is not null;--> statement-breakpoint
CREATE INDEX "charity_fund_donations_fund" ON "charity_fund_donations" USING btree ("tenant_id","fund_id","status","confirmed_at");--> statement-breakpoint
CREATE INDEX "charity_fund_donations_donor" ON "charity_fund_donations" USING btree ("tenant_id","donor_user_id");--> statement-breakpoint
CREATE INDEX "charity_fund_expenses_fund" ON "charity_fund_expenses" USING btree ("tenant_id","fund_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "charity_fund_funds_name" ON "charity_fund_funds" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "charity_fund_gifts_station" ON "charity_fund_gifts" USING btree ("tenant_id","station_id");--> statement-breakpoint
CREATE INDEX "charity_fund_grants_fund" ON "charity_fund_grants" USING btree ("tenant_id","fund_id","status");--> statement-breakpoint
CREATE INDEX "charity_fund_projects_fund" ON "charity_fund_projects" USING btree ("tenant_id","fund_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "charity_fund_stations_name" ON "charity_fund_stations" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE POLICY "charity_fund_distributions_tenant_isolation" ON "charity_fund_distributions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "charity_fund_donations_tenant_isolation" ON "charity_fund_donations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "charity_fund_expenses_tenant_isolation" ON "charity_fund_expenses" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "charity_fund_funds_tenant_isolation" ON "charity_fund_funds" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "charity_fund_gateway_keys_tenant_isolation" ON "charity_fund_gateway_keys" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "charity_fund_gifts_tenant_isolation" ON "charity_fund_gifts" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "charity_fund_grants_tenant_isolation" ON "charity_fund_grants" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "charity_fund_projects_tenant_isolation" ON "charity_fund_projects" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "charity_fund_receipt_counters_tenant_isolation" ON "charity_fund_receipt_counters" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "charity_fund_stations_tenant_isolation" ON "charity_fund_stations" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);