ALTER TABLE "volunteer_transfers_in" DROP CONSTRAINT "volunteer_transfers_in_status_known";--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" DROP CONSTRAINT "volunteer_transfers_out_status_known";--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ADD COLUMN "origin_city_names" jsonb;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ADD COLUMN "code_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ADD COLUMN "code_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ADD CONSTRAINT "volunteer_transfers_in_status_known" CHECK ("volunteer_transfers_in"."status" in ('awaiting', 'accepted', 'completed', 'cancelled'));--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ADD CONSTRAINT "volunteer_transfers_out_status_known" CHECK ("volunteer_transfers_out"."status" in ('requested', 'refused', 'approved', 'completed', 'withdrawn', 'expired'));