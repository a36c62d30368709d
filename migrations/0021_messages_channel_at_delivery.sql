DROP INDEX "messages_tenant_address";--> statement-breakpoint
ALTER TABLE "messages" ALTER COLUMN "text" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "channels" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "mobile" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "recipient" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "sms_text" text;--> statement-breakpoint
CREATE INDEX "messages_tenant_recipient" ON "messages" USING btree ("tenant_id","recipient","not_before");