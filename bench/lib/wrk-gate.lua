-- wrk script of `npm run bench -- gate` (bench/lib/wrk-load.ts): POST /api/gate/scan with the
-- next code of the pool (LF_CODES, one per line), the gate LF_VENUE, the session cookie LF_COOKIE
-- and a fresh random v4 client scan id per request. With LF_DELAY_MS, each connection waits an
-- exponentially distributed time of that mean before each request (paced load: people arriving
-- at a gate at random), and wrk's latencies are counted from the send, not from the wait.
local codes = {}
local n = 0
local venue = os.getenv("LF_VENUE")

for line in io.lines(os.getenv("LF_CODES")) do
  if #line > 0 then
    n = n + 1
    codes[n] = line
  end
end
math.randomseed(os.time() + math.floor(os.clock() * 1000000))
local cursor = math.random(n)

wrk.method = "POST"
wrk.headers["content-type"] = "application/json"
wrk.headers["cookie"] = os.getenv("LF_COOKIE")

local hex = "0123456789abcdef"
local function h(k)
  local s = {}
  for i = 1, k do
    local d = math.random(16)
    s[i] = hex:sub(d, d)
  end
  return table.concat(s)
end
local function uuid()
  local v = 8 + math.random(4)
  local variant = hex:sub(v, v)
  return h(8) .. "-" .. h(4) .. "-4" .. h(3) .. "-" .. variant .. h(3) .. "-" .. h(12)
end

request = function()
  cursor = cursor % n + 1
  local body = '{"clientScanId":"' .. uuid() .. '","venueId":"' .. venue ..
    '","method":"gate_scan","direction":"in","scannedAt":"' .. os.date("!%Y-%m-%dT%H:%M:%SZ") ..
    '","code":"' .. codes[cursor] .. '"}'
  return wrk.format(nil, nil, nil, body)
end

local delayMs = tonumber(os.getenv("LF_DELAY_MS") or "")
if delayMs then
  delay = function()
    return math.floor(-delayMs * math.log(1 - math.random()))
  end
end
