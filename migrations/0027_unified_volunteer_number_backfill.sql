-- Hand-written. Unified volunteer numbers (core/volunteering/volunteers/unified-number.ts).
-- The app role draws new numbers from the platform's one sequence (it holds no personal data).
GRANT USAGE ON SEQUENCE "volunteer_number_sequence" TO vc_app;--> statement-breakpoint
-- Every volunteer numbered the old way (`XIAMEN-000042`, the city's own) gets a unified number, in
-- the order they registered. A city has no division code yet at this point (its manifest sets it at
-- start-up), so these are numbered under 000000. Forced row-level security would hide every row from
-- a migrating owner that is not a superuser, so it is lifted for this statement only.
ALTER TABLE "volunteer_profiles" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
WITH ordered AS (
  SELECT p.tenant_id, p.user_id, coalesce(t.division_code, '000000') AS division
  FROM "volunteer_profiles" p
  JOIN "tenants" t ON t.id = p.tenant_id
  WHERE p.volunteer_number !~ '^\d{15}[0-9X]$'
  ORDER BY p.completed_at, p.tenant_id, p.user_id
), drawn AS (
  SELECT tenant_id, user_id, division || lpad(nextval('volunteer_number_sequence')::text, 9, '0') AS body FROM ordered
)
UPDATE "volunteer_profiles" p
SET volunteer_number = d.body || substr('10X98765432', 1 + (
  -- ISO 7064 MOD 11-2 over the 15 digits: the weight of digit i is 2^(16-i) mod 11.
  SELECT (sum(substr(d.body, i, 1)::int * ((1::bigint << (16 - i)) % 11)) % 11)::int FROM generate_series(1, 15) AS i
), 1)
FROM drawn d
WHERE p.tenant_id = d.tenant_id AND p.user_id = d.user_id;--> statement-breakpoint
ALTER TABLE "volunteer_profiles" FORCE ROW LEVEL SECURITY;
