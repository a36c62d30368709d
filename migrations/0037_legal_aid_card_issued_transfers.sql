ALTER TABLE "legal_aid_card_batches" ADD COLUMN "issued_transfer_id" uuid;--> statement-breakpoint
ALTER TABLE "legal_aid_card_cards" ADD COLUMN "issued_transfer_id" uuid;