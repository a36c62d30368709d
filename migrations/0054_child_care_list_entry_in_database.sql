-- Hand-written. A list view's access entry appended by the database (issue 16 item 4): the view's reads go
-- first, without a lock; then this one call takes the list chain's append lock, reads its head, hashes and
-- inserts, and the commit follows it in the same write. The lock is held for this function and the commit's
-- WAL flush only: before, it was taken with the reads and held across a turn of the app's event loop (the
-- answer travelling back, the due list sorted, the entry hashed, the insert sent), for which every other
-- list view of the city on that chain waited.
-- The entry is the one `logListAccess` (plugins/child-care-visits/access-log.ts) wrote from Node, byte for byte:
-- its hash is SHA-256 over JSON.stringify([prev, tenant, chain, seq, actor, childIds, action, at]), which the
-- chain check recomputes in Node, so the two ways of hashing check each other. to_json of a text or a uuid
-- is JSON.stringify's string for these ASCII values; array_to_json of a uuid[] is its array, no spaces.
CREATE OR REPLACE FUNCTION child_care_visits_log_list(p_tenant uuid, p_chain smallint, p_actor uuid, p_child_ids uuid[],
    p_action text, p_at timestamptz)
  RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY INVOKER
AS $$
DECLARE
  v_seq int;
  v_prev text;
  -- Date.prototype.toISOString: UTC, milliseconds.
  v_at text := to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
BEGIN
  IF p_tenant IS DISTINCT FROM nullif(current_setting('app.tenant_id', true), '')::uuid THEN
    RAISE EXCEPTION 'child_care_visits_log_list: city % is not the city of this transaction', p_tenant USING ERRCODE = '42501';
  END IF;
  -- Chain 0 holds every other access, appended from Node under its own lock; a list chain is 1 or more.
  IF p_chain IS NULL OR p_chain < 1 THEN
    RAISE EXCEPTION 'child_care_visits_log_list: chain % is not a list chain', p_chain USING ERRCODE = '22023';
  END IF;
  -- Chain 0's lock key (access-log.ts, `lockMainChainHead`) and the chain: held to the transaction's end, so appends take turns.
  PERFORM pg_advisory_xact_lock(hashtextextended('child-care-visits:access:' || p_tenant::text || ':' || p_chain::text, 0));
  SELECT l.seq, l.hash INTO v_seq, v_prev FROM public.child_care_visits_access_log l
    WHERE l.tenant_id = p_tenant AND l.chain = p_chain ORDER BY l.seq DESC LIMIT 1;
  IF NOT FOUND THEN
    v_seq := 0;
    v_prev := repeat('0', 64);
  END IF;
  v_seq := v_seq + 1;
  INSERT INTO public.child_care_visits_access_log (tenant_id, chain, seq, actor_id, child_ids, action, at, prev_hash, hash)
    VALUES (p_tenant, p_chain, v_seq, p_actor, p_child_ids, p_action, p_at, v_prev,
      encode(sha256(convert_to('[' || to_json(v_prev)::text || ',' || to_json(p_tenant::text)::text || ',' || p_chain::text || ','
        || v_seq::text || ',' || to_json(p_actor::text)::text || ',' || array_to_json(p_child_ids)::text || ','
        || to_json(p_action)::text || ',' || to_json(v_at)::text || ']', 'UTF8')), 'hex'));
END
$$;
