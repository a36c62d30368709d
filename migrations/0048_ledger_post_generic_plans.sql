-- Hand-written. `ledger_post` (0046) cheaper for PostgreSQL to run (issue 16 item 3); same arguments, answers,
-- locks and invariants. Counted in bench/README.md ("... session 7"):
-- - plans are generic (plan_cache_mode, set below on PostgreSQL and PGlite): by default each statement over an
--   array variable (`unnest(v_new)`, `= ANY (a_ids)`) was planned again on every call, because a custom plan
--   knows the array's length and so always looks cheaper than the generic one; planning was ~20% of a
--   posting's CPU in the function;
-- - one transfer is written as plain VALUES, as 0042 did, instead of INSERT ... SELECT FROM unnest.
CREATE OR REPLACE FUNCTION ledger_post(p_tenant uuid, p_requests jsonb, p_units text[] DEFAULT NULL)
  RETURNS TABLE ("error" text, "message" text, "tenantId" uuid, "id" uuid, "seq" bigint, "unit" text,
    "debitAccountId" uuid, "creditAccountId" uuid, "amount" bigint, "idempotencyKey" text, "kind" text,
    "memo" jsonb, "reversesId" uuid, "postedAtMs" float8, "prevHash" text, "hash" text,
    "hashVersion" smallint, "privateDigest" text)
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
AS $$
#variable_conflict use_column
DECLARE
  v_seq bigint;
  v_hash text;
  v_keys text[];
  v_account_ids uuid[];
  v_known public.ledger_transfers[];
  v_out public.ledger_transfers[] := '{}';
  v_new public.ledger_transfers[] := '{}';
  v_debit_after bigint[] := '{}';
  v_credit_after bigint[] := '{}';
  a_ids uuid[] := '{}';
  a_units text[] := '{}';
  a_kinds text[] := '{}';
  a_refs text[] := '{}';
  a_balance bigint[] := '{}';
  a_negative boolean[] := '{}';
  acc record;
  r record;
  k public.ledger_transfers;
  t public.ledger_transfers;
  found_previous boolean;
  di int;
  ci int;
BEGIN
  IF p_tenant IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid THEN
    RAISE EXCEPTION 'ledger_post: city % is not the city of this transaction', p_tenant USING ERRCODE = '42501';
  END IF;
  SELECT array_agg(DISTINCT x->>'key') INTO v_keys FROM jsonb_array_elements(p_requests) x;
  SELECT array_agg(DISTINCT a ORDER BY a) INTO v_account_ids
    FROM jsonb_array_elements(p_requests) x, LATERAL (VALUES ((x->>'debit')::uuid), ((x->>'credit')::uuid)) v(a);

  -- The city's chain head first: it orders the city's postings, so a retry racing the first attempt
  -- waits, then finds it (each statement sees what was committed before it started).
  SELECT h.seq, h.hash INTO v_seq, v_hash FROM public.ledger_heads h WHERE h.tenant_id = p_tenant FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO public.ledger_heads AS h (tenant_id, seq, hash) VALUES (p_tenant, 0, repeat('0', 64))
      ON CONFLICT (tenant_id) DO UPDATE SET seq = h.seq
      RETURNING h.seq, h.hash INTO v_seq, v_hash;
  END IF;
  -- Columns listed, rows built here: on Citus a whole-row value from a shard has the shard's row type.
  v_known := '{}';
  FOR k IN SELECT e.tenant_id, e.id, e.seq, e.unit, e.debit_account_id, e.credit_account_id, e.amount, e.idempotency_key, e.kind,
      e.memo, e.reverses_id, e.posted_at, e.prev_hash, e.hash, e.hash_version, e.private_digest
      FROM public.ledger_transfers e WHERE e.tenant_id = p_tenant AND e.idempotency_key = ANY (v_keys) LOOP
    v_known := v_known || k;
  END LOOP;
  -- Accounts in id order, as every posting locks them: no deadlocks.
  FOR acc IN SELECT la.id, la.unit, la.code, la.public_ref, la.balance, la.allow_negative FROM public.ledger_accounts la
      WHERE la.tenant_id = p_tenant AND la.id = ANY (v_account_ids) ORDER BY la.id FOR UPDATE LOOP
    a_ids := a_ids || acc.id;
    a_units := a_units || acc.unit;
    -- accountKind: the code less its uuid segments (`volunteer:<user id>` is `volunteer`).
    -- Each segment gets its ':' in front, so a uuid segment goes with its separator; the first ':' is cut after.
    a_kinds := a_kinds || substr(regexp_replace(':' || acc.code, ':[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?=:|$)', '', 'gi'), 2);
    a_refs := a_refs || acc.public_ref;
    a_balance := a_balance || acc.balance;
    a_negative := a_negative || acc.allow_negative;
  END LOOP;

  FOR r IN SELECT * FROM jsonb_to_recordset(p_requests) AS x(id uuid, debit uuid, credit uuid, amount bigint, key text, kind text,
      memo jsonb, "reversesId" uuid, "reversesSeq" bigint, "postedAt" text, digest text) LOOP
    found_previous := false;
    FOREACH k IN ARRAY v_known LOOP
      IF k.idempotency_key = r.key THEN
        IF k.debit_account_id <> r.debit OR k.credit_account_id <> r.credit OR k.amount <> r.amount OR k.kind <> r.kind THEN
          RETURN QUERY SELECT 'idempotency_conflict', format('idempotency key %s was used for a different transfer', r.key),
            NULL::uuid, NULL::uuid, NULL::bigint, NULL, NULL::uuid, NULL::uuid, NULL::bigint, NULL, NULL, NULL::jsonb, NULL::uuid, NULL::float8, NULL, NULL, NULL::smallint, NULL;
          RETURN;
        END IF;
        v_out := v_out || k;
        found_previous := true;
        EXIT;
      END IF;
    END LOOP;
    CONTINUE WHEN found_previous;

    di := array_position(a_ids, r.debit);
    ci := array_position(a_ids, r.credit);
    IF di IS NULL OR ci IS NULL THEN
      RETURN QUERY SELECT 'unknown_account', 'no such account in this city',
        NULL::uuid, NULL::uuid, NULL::bigint, NULL, NULL::uuid, NULL::uuid, NULL::bigint, NULL, NULL, NULL::jsonb, NULL::uuid, NULL::float8, NULL, NULL, NULL::smallint, NULL;
      RETURN;
    END IF;
    IF a_units[di] <> a_units[ci] THEN
      RETURN QUERY SELECT 'unit_mismatch', format('cannot move %s into a %s account', a_units[di], a_units[ci]),
        NULL::uuid, NULL::uuid, NULL::bigint, NULL, NULL::uuid, NULL::uuid, NULL::bigint, NULL, NULL, NULL::jsonb, NULL::uuid, NULL::float8, NULL, NULL, NULL::smallint, NULL;
      RETURN;
    END IF;
    IF p_units IS NOT NULL AND NOT (a_units[di] = ANY (p_units)) THEN
      RETURN QUERY SELECT 'unit_not_declared', format('%s is not a unit this poster declared', a_units[di]),
        NULL::uuid, NULL::uuid, NULL::bigint, NULL, NULL::uuid, NULL::uuid, NULL::bigint, NULL, NULL, NULL::jsonb, NULL::uuid, NULL::float8, NULL, NULL, NULL::smallint, NULL;
      RETURN;
    END IF;
    IF NOT a_negative[di] AND a_balance[di] - r.amount < 0 THEN
      RETURN QUERY SELECT 'insufficient_balance', format('balance %s is less than %s', a_balance[di], r.amount),
        NULL::uuid, NULL::uuid, NULL::bigint, NULL, NULL::uuid, NULL::uuid, NULL::bigint, NULL, NULL, NULL::jsonb, NULL::uuid, NULL::float8, NULL, NULL, NULL::smallint, NULL;
      RETURN;
    END IF;
    a_balance[di] := a_balance[di] - r.amount;
    a_balance[ci] := a_balance[ci] + r.amount;
    v_seq := v_seq + 1;

    t.tenant_id := p_tenant;
    t.id := r.id;
    t.seq := v_seq;
    t.unit := a_units[di];
    t.debit_account_id := r.debit;
    t.credit_account_id := r.credit;
    t.amount := r.amount;
    t.idempotency_key := r.key;
    t.kind := r.kind;
    t.memo := coalesce(r.memo, '{}');
    t.reverses_id := r."reversesId";
    t.posted_at := r."postedAt"::timestamptz;
    t.prev_hash := v_hash;
    t.hash_version := 2;
    t.private_digest := r.digest;
    -- v2Preimage (views/ledger-chain.js): to_json of a text is JSON.stringify's string for these ASCII values.
    t.hash := encode(sha256(convert_to('["vc-ledger/2",' || to_json(p_tenant::text)::text || ',' || to_json(v_hash)::text || ','
      || v_seq::text || ',' || to_json(r."postedAt")::text || ',' || to_json(a_units[di])::text || ',' || r.amount::text || ','
      || to_json(r.kind)::text || ',' || to_json(a_kinds[di])::text || ',' || to_json(a_refs[di])::text || ','
      || to_json(a_kinds[ci])::text || ',' || to_json(a_refs[ci])::text || ',' || coalesce(r."reversesSeq"::text, 'null') || ','
      || to_json(r.digest)::text || ']', 'UTF8')), 'hex');
    v_hash := t.hash;
    v_new := v_new || t;
    v_known := v_known || t;
    v_out := v_out || t;
    v_debit_after := v_debit_after || a_balance[di];
    v_credit_after := v_credit_after || a_balance[ci];
  END LOOP;

  IF cardinality(v_new) > 0 THEN
    IF current_setting('citus.propagate_set_commands', true) IS NULL AND cardinality(v_new) = 1 THEN
      -- One transfer, most postings: the row just built (`t`) as plain VALUES, no array to unnest.
      INSERT INTO public.ledger_transfers (tenant_id, id, seq, unit, debit_account_id, credit_account_id, amount, idempotency_key, kind,
          memo, reverses_id, posted_at, prev_hash, hash, hash_version, private_digest)
        VALUES (t.tenant_id, t.id, t.seq, t.unit, t.debit_account_id, t.credit_account_id, t.amount, t.idempotency_key, t.kind,
          t.memo, t.reverses_id, t.posted_at, t.prev_hash, t.hash, t.hash_version, t.private_digest);
      INSERT INTO public.ledger_entries (tenant_id, transfer_id, account_id, amount, balance_after)
        VALUES (p_tenant, t.id, t.debit_account_id, -t.amount, v_debit_after[1]),
          (p_tenant, t.id, t.credit_account_id, t.amount, v_credit_after[1]);
    ELSIF current_setting('citus.propagate_set_commands', true) IS NULL THEN
      INSERT INTO public.ledger_transfers (tenant_id, id, seq, unit, debit_account_id, credit_account_id, amount, idempotency_key, kind,
          memo, reverses_id, posted_at, prev_hash, hash, hash_version, private_digest)
        SELECT n.tenant_id, n.id, n.seq, n.unit, n.debit_account_id, n.credit_account_id, n.amount, n.idempotency_key, n.kind,
            n.memo, n.reverses_id, n.posted_at, n.prev_hash, n.hash, n.hash_version, n.private_digest
          FROM unnest(v_new) AS n;
      INSERT INTO public.ledger_entries (tenant_id, transfer_id, account_id, amount, balance_after)
        SELECT p_tenant, n.id, e.account_id, e.amount, e.balance_after
          FROM unnest(v_new) WITH ORDINALITY AS n,
            LATERAL (VALUES (n.debit_account_id, -n.amount, v_debit_after[n.ordinality]),
              (n.credit_account_id, n.amount, v_credit_after[n.ordinality])) AS e(account_id, amount, balance_after);
    ELSE
      -- On Citus an INSERT ... SELECT is a COPY, which row-level security refuses: one INSERT ... VALUES of
      -- all the rows (a batch is one write), built as text, which Citus routes to the city's shard.
      EXECUTE 'INSERT INTO public.ledger_transfers (tenant_id, id, seq, unit, debit_account_id, credit_account_id, amount, idempotency_key, kind, '
        || 'memo, reverses_id, posted_at, prev_hash, hash, hash_version, private_digest) VALUES '
        || (SELECT string_agg(format('(%L::uuid, %L::uuid, %L::bigint, %L, %L::uuid, %L::uuid, %L::bigint, %L, %L, %L::jsonb, %L::uuid, %L::timestamptz, %L, %L, %L::smallint, %L)',
              n.tenant_id, n.id, n.seq, n.unit, n.debit_account_id, n.credit_account_id, n.amount, n.idempotency_key, n.kind,
              n.memo, n.reverses_id, n.posted_at, n.prev_hash, n.hash, n.hash_version, n.private_digest), ', ' ORDER BY n.seq)
            FROM unnest(v_new) AS n);
      EXECUTE 'INSERT INTO public.ledger_entries (tenant_id, transfer_id, account_id, amount, balance_after) VALUES '
        || (SELECT string_agg(format('(%L::uuid, %L::uuid, %L::uuid, %L::bigint, %L::bigint), (%L::uuid, %L::uuid, %L::uuid, %L::bigint, %L::bigint)',
              p_tenant, n.id, n.debit_account_id, -n.amount, v_debit_after[n.ordinality::int],
              p_tenant, n.id, n.credit_account_id, n.amount, v_credit_after[n.ordinality::int]), ', ' ORDER BY n.ordinality)
            FROM unnest(v_new) WITH ORDINALITY AS n);
    END IF;
    -- `+ 0`: an array element alone as a SET value crashes the Citus 13.2 coordinator (signal 11 in its
    -- deparser, get_update_query_targetlist_def; plain SQL `UPDATE t SET c = ('{5}'::bigint[])[1] WHERE
    -- <distribution key> = ...` is enough). 0042's `SET balance = a_balance[i]` was that crash.
    UPDATE public.ledger_accounts la SET balance = a_balance[array_position(a_ids, la.id)] + 0
      WHERE la.tenant_id = p_tenant AND la.id = ANY (a_ids) AND la.balance <> a_balance[array_position(a_ids, la.id)];
    UPDATE public.ledger_heads h SET seq = v_seq, hash = v_hash, transfers = h.transfers + cardinality(v_new) WHERE h.tenant_id = p_tenant;
  END IF;

  RETURN QUERY SELECT NULL::text, NULL::text, o.tenant_id, o.id, o.seq, o.unit, o.debit_account_id, o.credit_account_id, o.amount,
      o.idempotency_key, o.kind, o.memo, o.reverses_id, (extract(epoch FROM o.posted_at) * 1000)::float8, o.prev_hash, o.hash,
      o.hash_version, o.private_digest
    FROM unnest(v_out) WITH ORDINALITY AS o ORDER BY o.ordinality;
END
$$;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION ledger_post(uuid, jsonb, text[]) TO vc_app;
--> statement-breakpoint
-- Only where Citus is not loaded: there the coordinator plans distributed statements itself, and the function's
-- behaviour under generic plans has not been run on a cluster.
DO $$
BEGIN
  IF current_setting('citus.propagate_set_commands', true) IS NULL THEN
    ALTER FUNCTION ledger_post(uuid, jsonb, text[]) SET plan_cache_mode = force_generic_plan;
  END IF;
END
$$;
