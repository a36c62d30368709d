ALTER TABLE "child_care_visits_access_log" ALTER COLUMN "child_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "child_care_visits_access_log" ADD COLUMN "child_ids" uuid[];--> statement-breakpoint
CREATE INDEX "child_care_visits_access_log_children" ON "child_care_visits_access_log" USING gin ("child_ids");--> statement-breakpoint
ALTER TABLE "child_care_visits_access_log" ADD CONSTRAINT "child_care_visits_access_log_one_or_many" CHECK (("child_care_visits_access_log"."child_id" is null) <> ("child_care_visits_access_log"."child_ids" is null));