-- wrk script: Okta's create-user request, each with a unique userName b-<run>-<thread>-<n>@example.com.
-- Prints the created count per thread so the lookup phase can ask for users that exist.
-- Arguments: run, token, and the SCIM base path (default /scim/v2; vs-keycloak sends Keycloak's, the same request).
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
  base = args[3] or "/scim/v2"
  n = 0
  created = 0
end

function request()
  n = n + 1
  local user = string.format("b-%s-%d-%d@example.com", run, id, n)
  local body = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"' .. user ..
    '","name":{"givenName":"Bench","familyName":"User"},"emails":[{"primary":true,"value":"' .. user ..
    '","type":"work"}],"displayName":"Bench User","locale":"en-US","externalId":"00u' .. n ..
    '","groups":[],"password":"1mz050nq","active":true}'
  return wrk.format("POST", base .. "/Users", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/scim+json",
    ["Accept"] = "application/scim+json",
    ["User-Agent"] = "Okta SCIM Client 1.0.0" }, body)
end

-- right only with 201 and the created user in the body (its id; the userName sent is echoed)
function response(status, headers, body)
  if status == 201 and body:find('"id":"', 1, true) and body:find('"userName":"b-' .. run .. '-', 1, true) then
    created = created + 1
  else
    wrong = (wrong or 0) + 1
    if wrong <= 3 then io.write(string.format("WRONG POST /Users: %d %s\n", status, body:sub(1, 300))) end
  end
end

function done(summary, latency, requests)
  local fewest = nil
  local wrong_answers = 0
  for _, t in ipairs(threads) do
    local c = t:get("created")
    if fewest == nil or c < fewest then fewest = c end
    wrong_answers = wrong_answers + (t:get("wrong") or 0)
  end
  io.write(string.format("RESULT POST /Users %d requests, %d wrong answers, %d socket errors, %.0f req/s, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, wrong_answers, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("THREADS %d CREATED_PER_THREAD %d\n", #threads, fewest))
end
