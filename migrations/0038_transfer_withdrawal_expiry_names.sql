-- Three steps in one file (merged from three): new columns nullable, existing rows filled, then required.
ALTER TABLE "volunteer_transfers_in" DROP CONSTRAINT "volunteer_transfers_in_status_known";--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" DROP CONSTRAINT "volunteer_transfers_out_status_known";--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ADD COLUMN "origin_city_names" jsonb;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ADD COLUMN "code_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ADD COLUMN "code_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ADD CONSTRAINT "volunteer_transfers_in_status_known" CHECK ("volunteer_transfers_in"."status" in ('awaiting', 'accepted', 'completed', 'cancelled'));--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ADD CONSTRAINT "volunteer_transfers_out_status_known" CHECK ("volunteer_transfers_out"."status" in ('requested', 'refused', 'approved', 'completed', 'withdrawn', 'expired'));--> statement-breakpoint
-- Transfers made before codes expired and before both city names were kept:
-- an approved code lapses 30 days after its decision (TRANSFER_CODE_VALID_DAYS), a
-- hand-over 30 days after it arrived, and an arrival takes its origin's names.
-- Immutable forms only (UTC arithmetic, jsonb_object): Citus refuses stable functions over
-- columns in an UPDATE (timestamptz + interval, jsonb_build_object).
UPDATE "volunteer_transfers_out" SET "code_expires_at" = (coalesce("decided_at", "requested_at") AT TIME ZONE 'UTC' + interval '30 days') AT TIME ZONE 'UTC' WHERE "status" = 'approved' AND "code_expires_at" IS NULL;--> statement-breakpoint
UPDATE "volunteer_transfers_in" SET "code_expires_at" = ("arrived_at" AT TIME ZONE 'UTC' + interval '30 days') AT TIME ZONE 'UTC' WHERE "code_expires_at" IS NULL;--> statement-breakpoint
UPDATE "volunteer_transfers_in" AS i SET "origin_city_names" = jsonb_object(ARRAY['zh-CN', 'en'], ARRAY[i."origin_city", coalesce(t."names"->>'en', i."origin_city")]) FROM "tenants" AS t WHERE t."id" = i."origin_tenant_id" AND i."origin_city_names" IS NULL;
--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ALTER COLUMN "origin_city_names" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" ALTER COLUMN "code_expires_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "volunteer_transfers_in" DROP COLUMN "origin_city";--> statement-breakpoint
ALTER TABLE "volunteer_transfers_out" ADD CONSTRAINT "volunteer_transfers_out_approved_expires" CHECK ("volunteer_transfers_out"."status" <> 'approved' or "volunteer_transfers_out"."code_expires_at" is not null);