ALTER TABLE "child_care_visits_children" ADD COLUMN "closed_on" date;--> statement-breakpoint
ALTER TABLE "child_care_visits_children" ADD COLUMN "close_reason" text;--> statement-breakpoint
ALTER TABLE "child_care_visits_children" ADD COLUMN "closed_by" uuid;--> statement-breakpoint
ALTER TABLE "child_care_visits_children" ADD COLUMN "erased_on" date;