-- wrk script: POSTs complete resident-survey submissions, each with a fresh token, so every request
-- stores a new response. Counts the acknowledged ones (303 to the thank-you page) and the refused.
-- Usage (see scripts/bench/submit.sh): wrk -s submit.lua <url>
local body_tail = os.getenv("NS_BENCH_BODY") or ""
local version = os.getenv("NS_BENCH_VERSION") or "1"
local thread_seed = 0
local threads = {}

function setup(thread)
  thread_seed = thread_seed + 1
  thread:set("seed", thread_seed)
  table.insert(threads, thread)
end

function init(args)
  -- NS_BENCH_SEED tells apart several wrk processes started in the same second (one per server).
  math.randomseed(os.time() * 1000 + (seed or 0) + 7919 * tonumber(os.getenv("NS_BENCH_SEED") or "0"))
  acknowledged = 0
  refused = 0
end

local function uuid()
  local t = {}
  for i = 1, 16 do t[i] = math.random(0, 255) end
  t[7] = (t[7] % 16) + 64   -- version 4
  t[9] = (t[9] % 64) + 128  -- variant
  return string.format("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
    t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11], t[12], t[13], t[14], t[15], t[16])
end

-- NS_BENCH_SPREAD=1: each request from another client address (10.x.y.z, through the trusted
-- proxy at 127.0.0.1), as residents' phones are, instead of every request from one address.
local spread = os.getenv("NS_BENCH_SPREAD") == "1"

request = function()
  local body = "_version=" .. version .. "&_token=" .. uuid() .. "&_lang=en&_website=&" .. body_tail
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  if spread then
    headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  end
  return wrk.format("POST", nil, headers, body)
end

response = function(status, headers, body)
  if status == 303 then acknowledged = acknowledged + 1 else refused = refused + 1 end
end

done = function(summary, latency, requests)
  local acked, other = 0, 0
  for _, thread in ipairs(threads) do
    acked = acked + thread:get("acknowledged")
    other = other + thread:get("refused")
  end
  io.write(string.format("submissions/s %.0f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("acknowledged (303): %d  refused (other status): %d  socket errors: %d\n",
    acked, other, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
