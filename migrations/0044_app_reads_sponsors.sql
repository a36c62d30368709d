-- Hand-written. A plugin lists the foundations that sponsor it in its city (core/plugins/sponsors.ts)
-- from the tenant transaction: the app role may read which foundation sponsors which city and each
-- account's id, kind, name and sponsored plugins, by column, and nothing else of the global tables
-- (no e-mail, password hash, sign-in state or session; no write).
GRANT SELECT ("id", "kind", "name", "sponsored_plugins") ON "platform_accounts" TO vc_app;--> statement-breakpoint
GRANT SELECT ("foundation_id", "tenant_id") ON "foundation_cities" TO vc_app;
