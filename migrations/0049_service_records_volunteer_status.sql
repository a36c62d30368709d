DROP INDEX "service_records_volunteer";--> statement-breakpoint
CREATE INDEX "service_records_volunteer" ON "service_records" USING btree ("tenant_id","volunteer_user_id","started_at","id","status");