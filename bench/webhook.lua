-- wrk script: Fonnte webhook POSTs, as a promotion's burst delivers them.
-- Each request is a new message (a fresh inboxid) from one of a showroom's
-- CUSTOMERS generated customers (the phones `autoleads generate --leads`
-- gives with the showroom's seed), so most land on an existing open lead and
-- the rest (customers whose lead is closed or lost) open a new one. TARGETS
-- is a list of {path, host, seed}, one per showroom, and CUSTOMERS the
-- leads per showroom, both prepended by bench/run.sh; requests go
-- round-robin over the showrooms.
local counter = 0
local thread_id = 0
local run = tostring(os.time())

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  thread_id = tid or 0
end

function request()
  counter = counter + 1
  local n = counter * 16 + thread_id
  local t = TARGETS[(n % #TARGETS) + 1]
  local i = (n * 2654435761) % CUSTOMERS
  local phone = string.format("62813%08d", (i * 7919 + t[3]) % 100000000)
  local body = string.format(
    '{"device":"","sender":"%s","message":"Halo, mobilnya masih ada? (%d)","name":"Pelanggan %d","inboxid":"wrk-%s-%d-%d","timestamp":%d}',
    phone, n, i, run, thread_id, counter, os.time())
  return wrk.format("POST", t[1], {["Host"] = t[2], ["Content-Type"] = "application/json"}, body)
end

-- DELAY, when prepended, paces each connection: milliseconds between its
-- requests, for a steady trickle of messages rather than a burst.
if DELAY then
  function delay()
    return DELAY
  end
end
