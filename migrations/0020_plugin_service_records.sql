ALTER TABLE "service_records" DROP CONSTRAINT "service_records_source_known";--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "programme_key" text;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "plugin_id" text;--> statement-breakpoint
ALTER TABLE "service_records" ADD COLUMN "plugin_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "projects_programme" ON "projects" USING btree ("tenant_id","organisation_id","programme_key") WHERE programme_key is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "service_records_plugin_key" ON "service_records" USING btree ("tenant_id","plugin_id","plugin_key") WHERE plugin_id is not null;--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_plugin_keyed" CHECK (("service_records"."source" = 'plugin') = ("service_records"."plugin_id" is not null and "service_records"."plugin_key" is not null));--> statement-breakpoint
ALTER TABLE "service_records" ADD CONSTRAINT "service_records_source_known" CHECK ("service_records"."source" in ('checkin', 'claim', 'organiser', 'plugin'));