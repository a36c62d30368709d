ALTER TABLE "volunteer_profiles" ADD COLUMN "id_type" text;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "id_number_sealed" text;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "id_number_hash" text;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" ADD COLUMN "birth_date" text;--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_profiles_id_number" ON "volunteer_profiles" USING btree ("tenant_id","id_number_hash");--> statement-breakpoint
ALTER TABLE "volunteer_profiles" DROP COLUMN "id_card_number";