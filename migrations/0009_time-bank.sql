CREATE TABLE "time_bank_earnings" (
	"tenant_id" uuid NOT NULL,
	"record_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"category" text NOT NULL,
	"minutes" integer NOT NULL,
	"amount" bigint NOT NULL,
	"collected" bigint DEFAULT 0 NOT NULL,
	"earned_at" timestamp with time zone NOT NULL,
	"clawed_back_at" timestamp with time zone,
	CONSTRAINT "time_bank_earnings_tenant_id_record_id_pk" PRIMARY KEY("tenant_id","record_id")
);
--> statement-breakpoint
ALTER TABLE "time_bank_earnings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "time_bank_earnings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "time_bank_exchanges" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"listing_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"requester_id" uuid NOT NULL,
	"credits" bigint NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"provider_confirmed_at" timestamp with time zone,
	"requester_confirmed_at" timestamp with time zone,
	"dispute_reason" text,
	"disputed_by" uuid,
	"resolved_by" uuid,
	"resolution_note" text,
	"transfer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "time_bank_exchanges_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "time_bank_exchanges_two_people" CHECK ("time_bank_exchanges"."provider_id" <> "time_bank_exchanges"."requester_id")
);
--> statement-breakpoint
ALTER TABLE "time_bank_exchanges" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "time_bank_exchanges" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "time_bank_family_links" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"requester_id" uuid NOT NULL,
	"relative_id" uuid NOT NULL,
	"relation" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "time_bank_family_links_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "time_bank_family_links_two_people" CHECK ("time_bank_family_links"."requester_id" <> "time_bank_family_links"."relative_id")
);
--> statement-breakpoint
ALTER TABLE "time_bank_family_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "time_bank_family_links" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "time_bank_family_transfers" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"from_id" uuid NOT NULL,
	"to_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"year" integer NOT NULL,
	"transfer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_bank_family_transfers_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "time_bank_family_transfers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "time_bank_family_transfers" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "time_bank_items" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"donor" text NOT NULL,
	"price" bigint NOT NULL,
	"stock" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_bank_items_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "time_bank_items_price" CHECK ("time_bank_items"."price" > 0),
	CONSTRAINT "time_bank_items_stock" CHECK ("time_bank_items"."stock" >= 0)
);
--> statement-breakpoint
ALTER TABLE "time_bank_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "time_bank_items" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "time_bank_listings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text NOT NULL,
	"author_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"credits" bigint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_bank_listings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "time_bank_listings_credits" CHECK ("time_bank_listings"."credits" > 0)
);
--> statement-breakpoint
ALTER TABLE "time_bank_listings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "time_bank_listings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "time_bank_lots" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"amount" bigint NOT NULL,
	"remaining" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"source" text NOT NULL,
	"ref" text NOT NULL,
	CONSTRAINT "time_bank_lots_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "time_bank_lots_remaining" CHECK ("time_bank_lots"."remaining" >= 0 and "time_bank_lots"."remaining" <= "time_bank_lots"."amount")
);
--> statement-breakpoint
ALTER TABLE "time_bank_lots" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "time_bank_lots" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "time_bank_members" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"birth_date" date,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "time_bank_members_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "time_bank_members" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "time_bank_members" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "time_bank_redemptions" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"code" text NOT NULL,
	"price" bigint NOT NULL,
	"status" text DEFAULT 'issued' NOT NULL,
	"pieces" jsonb NOT NULL,
	"transfer_id" uuid NOT NULL,
	"refund_transfer_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"fulfilled_by" uuid,
	"closed_at" timestamp with time zone,
	CONSTRAINT "time_bank_redemptions_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "time_bank_redemptions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "time_bank_redemptions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "time_bank_earnings" ADD CONSTRAINT "time_bank_earnings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_exchanges" ADD CONSTRAINT "time_bank_exchanges_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_exchanges" ADD CONSTRAINT "time_bank_exchanges_tenant_id_listing_id_time_bank_listings_tenant_id_id_fk" FOREIGN KEY ("tenant_id","listing_id") REFERENCES "public"."time_bank_listings"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_family_links" ADD CONSTRAINT "time_bank_family_links_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_family_transfers" ADD CONSTRAINT "time_bank_family_transfers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_items" ADD CONSTRAINT "time_bank_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_listings" ADD CONSTRAINT "time_bank_listings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_lots" ADD CONSTRAINT "time_bank_lots_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_members" ADD CONSTRAINT "time_bank_members_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_redemptions" ADD CONSTRAINT "time_bank_redemptions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "time_bank_redemptions" ADD CONSTRAINT "time_bank_redemptions_tenant_id_item_id_time_bank_items_tenant_id_id_fk" FOREIGN KEY ("tenant_id","item_id") REFERENCES "public"."time_bank_items"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "time_bank_earnings_member" ON "time_bank_earnings" USING btree ("tenant_id","member_id");--> statement-breakpoint
CREATE INDEX "time_bank_exchanges_provider" ON "time_bank_exchanges" USING btree ("tenant_id","provider_id");--> statement-breakpoint
CREATE INDEX "time_bank_exchanges_requester" ON "time_bank_exchanges" USING btree ("tenant_id","requester_id");--> statement-breakpoint
CREATE UNIQUE INDEX "time_bank_family_links_pair" ON "time_bank_family_links" USING btree ("tenant_id",least("requester_id", "relative_id"),greatest("requester_id", "relative_id"));--> statement-breakpoint
CREATE INDEX "time_bank_family_transfers_year" ON "time_bank_family_transfers" USING btree ("tenant_id","from_id","year");--> statement-breakpoint
CREATE INDEX "time_bank_listings_open" ON "time_bank_listings" USING btree ("tenant_id","status","created_at");--> statement-breakpoint
CREATE INDEX "time_bank_lots_open" ON "time_bank_lots" USING btree ("tenant_id","member_id") WHERE remaining > 0;--> statement-breakpoint
CREATE UNIQUE INDEX "time_bank_redemptions_code" ON "time_bank_redemptions" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "time_bank_redemptions_member" ON "time_bank_redemptions" USING btree ("tenant_id","member_id");--> statement-breakpoint
CREATE POLICY "time_bank_earnings_tenant_isolation" ON "time_bank_earnings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "time_bank_exchanges_tenant_isolation" ON "time_bank_exchanges" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "time_bank_family_links_tenant_isolation" ON "time_bank_family_links" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "time_bank_family_transfers_tenant_isolation" ON "time_bank_family_transfers" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "time_bank_items_tenant_isolation" ON "time_bank_items" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "time_bank_listings_tenant_isolation" ON "time_bank_listings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "time_bank_lots_tenant_isolation" ON "time_bank_lots" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "time_bank_members_tenant_isolation" ON "time_bank_members" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "time_bank_redemptions_tenant_isolation" ON "time_bank_redemptions" AS PERMISSIVE FOR ALL TO public USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);