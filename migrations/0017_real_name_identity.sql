ALTER TABLE "volunteer_profiles" ADD COLUMN "id_type" text;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "id_number_sealed" text;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "id_number_hash" text;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "birth_date" text;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "id_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "id_verified_by" uuid;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD CONSTRAINT "volunteer_profiles_tenant_id_id_verified_by_users_tenant_id_id_fk" FOREIGN KEY ("tenant_id","id_verified_by") REFERENCES "public"."users"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_profiles_id_number" ON "volunteer_profiles" USING btree ("tenant_id","id_number_hash");--> statement-breakpoint
ALTER TABLE "volunteer_profiles" DROP COLUMN "id_card_number";