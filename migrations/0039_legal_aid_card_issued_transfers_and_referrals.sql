ALTER TABLE "legal_aid_card_applications" ADD COLUMN "referred_to" text;--> statement-breakpoint
ALTER TABLE "legal_aid_card_batches" ADD COLUMN "issued_transfer_id" uuid;--> statement-breakpoint
ALTER TABLE "legal_aid_card_cards" ADD COLUMN "issued_transfer_id" uuid;