-- Hand-written. A message is rendered under its city's name in the tenant transaction that queues it,
-- but the app role may not read the global `tenants` table (0013). This function, run as its owner,
-- answers with the names and language of the transaction's own city only (public facts of its site).
CREATE OR REPLACE FUNCTION current_city() RETURNS TABLE (names jsonb, default_locale text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT names, default_locale FROM public.tenants WHERE id = nullif(current_setting('app.tenant_id', true), '')::uuid $$;--> statement-breakpoint
REVOKE ALL ON FUNCTION current_city() FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION current_city() TO vc_app;
