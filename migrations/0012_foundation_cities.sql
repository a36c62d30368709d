CREATE TABLE "foundation_cities" (
	"foundation_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"granted_by" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "foundation_cities_foundation_id_tenant_id_pk" PRIMARY KEY("foundation_id","tenant_id")
);
--> statement-breakpoint
ALTER TABLE "foundation_cities" ADD CONSTRAINT "foundation_cities_foundation_id_platform_accounts_id_fk" FOREIGN KEY ("foundation_id") REFERENCES "public"."platform_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foundation_cities" ADD CONSTRAINT "foundation_cities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;