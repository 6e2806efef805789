-- wrk script: the catalogue's first page, spread evenly over many
-- showrooms. HOSTS (one Host header per showroom) and PATH are prepended
-- by bench/run.sh; each thread walks the list from its own offset.
local i = 0

function setup(thread)
  i = i + 1
  thread:set("start", i * 7919)
end

function init(args)
  i = start or 0
end

function request()
  i = i + 1
  return wrk.format("GET", PATH, {["Host"] = HOSTS[(i % #HOSTS) + 1]})
end
