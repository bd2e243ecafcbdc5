-- One caller's token bucket, taken atomically.
-- KEYS[1] the bucket (a hash: tokens, updated_ms)
-- ARGV[1] tokens added per second, ARGV[2] bucket size (burst), ARGV[3] ms after which an idle bucket is full again,
-- ARGV[4] how many tokens to take at most (a replica's lease; 1 when absent)
-- Returns {tokens taken (0 when the bucket has less than one), ms until a token is back}
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local refill_ms = tonumber(ARGV[3])
local wanted = tonumber(ARGV[4]) or 1

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)

local state = redis.call('HMGET', KEYS[1], 'tokens', 'updated_ms')
local tokens = tonumber(state[1])
local updated = tonumber(state[2])
if tokens == nil or updated == nil then
  tokens = burst
  updated = now
end

tokens = math.min(burst, tokens + math.max(0, now - updated) * rate / 1000)

local taken = 0
local retry_ms = 0
if tokens >= 1 then
  taken = math.min(wanted, math.floor(tokens))
  tokens = tokens - taken
else
  retry_ms = math.ceil((1 - tokens) * 1000 / rate)
end

redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'updated_ms', string.format('%.0f', now))
redis.call('PEXPIRE', KEYS[1], refill_ms + 1000)
return {taken, retry_ms}
