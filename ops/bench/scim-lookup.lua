-- wrk script: Okta's existence check GET /Users?filter=userName eq "..." for users the create phase made.
-- Arguments: run, token, threads, users per thread, and the SCIM base path (default /scim/v2).
-- (n starts at 2: the first request wrk builds in its first thread is never sent, so user 1 of thread 1 never exists)
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  run = args[1]
  token = args[2]
  thread_count = tonumber(args[3])
  per_thread = tonumber(args[4])
  base = args[5] or "/scim/v2"
  math.randomseed(id * 7919)
end

function request()
  local user = string.format("b-%s-%d-%d@example.com", run, math.random(thread_count), math.random(2, per_thread))
  local filter = string.format('userName%%20eq%%20%%22%s%%22', user:gsub("@", "%%40"))
  return wrk.format("GET", base .. "/Users?filter=" .. filter .. "&startIndex=1&count=100", {
    ["Authorization"] = "Bearer " .. token,
    ["Accept"] = "application/scim+json",
    ["User-Agent"] = "Okta SCIM Client 1.0.0" })
end

function response(status, headers, body)
  if status ~= 200 or not body:find('"totalResults":1', 1, true) then
    wrong = (wrong or 0) + 1
    if wrong <= 3 then io.write(string.format("WRONG GET /Users?filter: %d %s\n", status, body:sub(1, 300))) end
  end
end

function done(summary, latency, requests)
  local misses = 0
  for _, t in ipairs(threads) do misses = misses + (t:get("wrong") or 0) end
  io.write(string.format("RESULT GET filter userName eq %d requests, %d wrong answers (not found or failed), %d socket errors, %.0f req/s, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, misses, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
