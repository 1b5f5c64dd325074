-- wrk script for bench/run.py: an optional auth header, optional rotating paths, and a summary
-- line of JSON (latency percentiles in microseconds, requests, errors) for run.py to parse.
--   BENCH_HEADER="Authorization: Token abc"   headers sent with every request, one a line
--   BENCH_PATHS="/a/ /b/ /c/"                 requests cycle through these paths (e.g. claim ids)

for header in (os.getenv("BENCH_HEADER") or ""):gmatch("[^\n]+") do
  local name, value = header:match("^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
end

--   BENCH_PATHS_FILE=/tmp/paths               or these, one a line (too many for a variable)
--   BENCH_START=0 BENCH_CHUNK=15000           thread i starts at path START + i * CHUNK, so
--                                             that no two threads ask for the same paths
local paths = {}
for p in (os.getenv("BENCH_PATHS") or ""):gmatch("%S+") do
  paths[#paths + 1] = p
end
local file = os.getenv("BENCH_PATHS_FILE") or ""
if file ~= "" then
  for line in io.lines(file) do
    paths[#paths + 1] = line
  end
end
local threads = 0
local counter = nil

function setup(thread)
  thread:set("index", threads)
  threads = threads + 1
end

function request()
  if #paths == 0 then
    return wrk.format()
  end
  if counter == nil then
    local start = tonumber(os.getenv("BENCH_START") or "0")
    counter = start + (index or 0) * tonumber(os.getenv("BENCH_CHUNK") or "0") - 1
  end
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"max": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
