-- wrk script for bench/portal_load.py: count every response's status in every thread and print
-- one machine-readable line at the end, so the bench can refuse a run with a single non-200 answer
-- (wrk's own "Non-2xx or 3xx" line does not count redirects and 304s) and read exact percentiles.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  local errors = summary.errors
  io.write(string.format(
    'PRONGSAI-BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "errors": '
      .. '{"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect, errors.read, errors.write, errors.status, errors.timeout, table.concat(parts, ", ")
  ))
end
