-- Messages queued before the channel was chosen at delivery: the one channel they were rendered for
-- becomes their only channel, its rendering moves to that channel's columns, and the rate limit
-- counts them under their account (or their address, for a message to no account).
UPDATE "messages" SET
  "channels" = ARRAY["channel"],
  "email" = CASE WHEN "channel" = 'email' THEN "address" END,
  "mobile" = CASE WHEN "channel" = 'sms' THEN "address" END,
  "recipient" = COALESCE("user_id"::text, "address"),
  "sms_text" = CASE WHEN "channel" = 'sms' THEN "text" END,
  "text" = CASE WHEN "channel" = 'sms' THEN NULL ELSE "text" END
WHERE "channels" = '{}'::text[];
