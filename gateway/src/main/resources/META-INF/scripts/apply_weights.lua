-- Applies runtime weight changes and appends their audit entries, atomically.
-- KEYS[1] weights hash (domain -> record JSON), KEYS[2] audit list (newest first)
-- ARGV[1] how many audit entries to keep
-- then per change, five arguments: domain, record JSON, audit entry JSON (without from / from_source),
--   the weight and source to report as "from" when the domain has no stored record yet
-- Returns the audit entries as written.
local retention = tonumber(ARGV[1])
local written = {}
for i = 2, #ARGV, 5 do
  local domain = ARGV[i]
  local record = ARGV[i + 1]
  local entry = cjson.decode(ARGV[i + 2])
  local from = tonumber(ARGV[i + 3])
  local from_source = ARGV[i + 4]
  local previous = redis.call('HGET', KEYS[1], domain)
  if previous then
    local decoded = cjson.decode(previous)
    from = decoded['weight']
    from_source = decoded['source']
  end
  entry['from'] = from
  entry['from_source'] = from_source
  local encoded = cjson.encode(entry)
  redis.call('HSET', KEYS[1], domain, record)
  redis.call('LPUSH', KEYS[2], encoded)
  table.insert(written, encoded)
end
redis.call('LTRIM', KEYS[2], 0, retention - 1)
return written
