-- Transfers made before codes expired and before both city names were kept:
-- an approved code lapses 30 days after its decision (TRANSFER_CODE_VALID_DAYS), a
-- hand-over 30 days after it arrived, and an arrival takes its origin's names.
UPDATE "volunteer_transfers_out" SET "code_expires_at" = coalesce("decided_at", "requested_at") + interval '30 days' WHERE "status" = 'approved' AND "code_expires_at" IS NULL;--> statement-breakpoint
UPDATE "volunteer_transfers_in" SET "code_expires_at" = "arrived_at" + interval '30 days' WHERE "code_expires_at" IS NULL;--> statement-breakpoint
UPDATE "volunteer_transfers_in" AS i SET "origin_city_names" = jsonb_build_object('zh-CN', i."origin_city", 'en', coalesce(t."names"->>'en', i."origin_city")) FROM "tenants" AS t WHERE t."id" = i."origin_tenant_id" AND i."origin_city_names" IS NULL;
