-- wrk script: one car page per request, at random among the catalogue's
-- available cars. SLUGS (the list) and HOST are prepended by bench/run.sh.
math.randomseed(42)

function request()
  local slug = SLUGS[math.random(#SLUGS)]
  return wrk.format("GET", "/api/cars/" .. slug, {["Host"] = HOST})
end
