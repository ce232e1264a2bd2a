-- wrk script for bench/run.sh: GET /api/search?q=... over the benchmark's
-- query set (queries.tsv: kind<TAB>text), each thread starting at its own
-- offset; every request computes all six facets (the API always does).
-- usage: wrk ... -s bench/wrk_search.lua URL -- QUERIES_FILE
local paths = {}
local next_index = 1
local thread_count = 0

local function urlencode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count * 97)
end

function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    local q = line:match("^[^\t]*\t(.+)$")
    if q then paths[#paths + 1] = "/api/search?q=" .. urlencode(q) end
  end
  f:close()
  next_index = (offset or 0) % #paths + 1
end

function request()
  local path = paths[next_index]
  next_index = next_index % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format("WRK requests %d\n", summary.requests))
  io.write(string.format("WRK requests_per_s %.1f\n", summary.requests / secs))
  io.write(string.format("WRK latency_p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("WRK latency_p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("WRK non2xx %d\n", e.status))
  io.write(string.format("WRK socket_errors %d\n", e.connect + e.read + e.write + e.timeout))
end
