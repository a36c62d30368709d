CREATE SEQUENCE "public"."volunteer_number_sequence" INCREMENT BY 1 MINVALUE 1 MAXVALUE 999999999 START WITH 1 CACHE 1;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "division_code" text;