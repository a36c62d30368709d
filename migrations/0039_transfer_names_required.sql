ALTER TABLE "volunteer_transfers_in" ALTER COLUMN "origin_city_names" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ALTER COLUMN "code_expires_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" DROP COLUMN "origin_city";--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ADD CONSTRAINT "volunteer_transfers_out_approved_expires" CHECK ("volunteer_transfers_out"."status" <> 'approved' or "volunteer_transfers_out"."code_expires_at" is not null);