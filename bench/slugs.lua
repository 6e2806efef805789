-- wrk script: one car page per request, at random among the catalogue's
-- available cars. SLUGS (the list), HOST, PREFIX (the API's /api/cars/ or
-- the website's /mobil/) and HEADERS are prepended by bench/run.sh.
math.randomseed(42)

function request()
  local slug = SLUGS[math.random(#SLUGS)]
  HEADERS["Host"] = HOST
  return wrk.format("GET", PREFIX .. slug, HEADERS)
end
