-- The counting loop of bench/README.md ("Postings: fewer statements a posting"): loaded into a scratch copy by
-- bench/ledger/post-loop.ts, never into vc_bench.
-- Posts n commits of b transfers through ledger_post, the cities in turn (so no one head's row versions pile up).
-- p_accs: each city's first 1010 accounts by code (10 organisations, then volunteers), the cities one after another.
DROP PROCEDURE IF EXISTS post_loop(uuid[], int, int, boolean);
DROP PROCEDURE IF EXISTS post_loop(uuid[], uuid[], int, int, boolean);
CREATE OR REPLACE PROCEDURE post_loop(p_cities uuid[], p_accs uuid[], n int, b int, only_json boolean DEFAULT false) LANGUAGE plpgsql AS $$
DECLARE accs uuid[] := p_accs; req jsonb; bad int := 0; c int; city int; m int := cardinality(p_cities);
BEGIN
  FOR i IN 1..n LOOP
    city := i % m;
    PERFORM set_config('app.tenant_id', p_cities[city + 1]::text, false);
    req := (SELECT jsonb_agg(jsonb_build_object('id', gen_random_uuid(), 'debit', accs[city * 1010 + 1 + (i * 7 + j) % 10],
      'credit', accs[city * 1010 + 11 + (i * 13 + j * 31) % 1000], 'amount', 1, 'key', 'loop:' || gen_random_uuid(), 'kind', 'bench.posting',
      'memo', '{}'::jsonb, 'postedAt', to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'digest', md5(i::text)))
      FROM generate_series(1, b) j);
    IF NOT only_json THEN
      SELECT count(*) FILTER (WHERE error IS NOT NULL) INTO c FROM ledger_post(p_cities[city + 1], req);
      bad := bad + c;
    END IF;
    COMMIT;
  END LOOP;
  IF bad > 0 THEN RAISE EXCEPTION 'post_loop: % refused', bad; END IF;
END $$;
GRANT EXECUTE ON PROCEDURE post_loop(uuid[], uuid[], int, int, boolean) TO vc_app;
