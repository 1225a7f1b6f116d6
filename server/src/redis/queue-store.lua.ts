/**
 * The Lua scripts behind {@link RedisQueueStore}: each store operation is one script, so Redis runs
 * its check and its change with nothing from another node in between (scripts are atomic). That is
 * what keeps routing's guarantees across nodes: one winner for one woman, no counselor past her
 * capacity, one offer per woman.
 *
 * Keys, all under one hash tag so a Redis Cluster keeps them on one shard (scripts may only touch
 * keys of one slot):
 *   KEYS[1] queue     sorted set, every score 0, members are order keys ending in `\0<id>`, so
 *                     ZRANGE returns the queue in {@link compareItems} order by bytes alone
 *   KEYS[2] items     hash consultation → her queue item JSON
 *   KEYS[3] slots     hash staff → counselor slot JSON
 *   KEYS[4] offers    hash consultation → offer JSON
 *   KEYS[5] passed    hash consultation → JSON array of staff who let her offer pass
 *   KEYS[6] handles   list of recent handle times (ms), newest last
 *   KEYS[7] held      hash consultation → staff holding her chat
 *
 * Numbers go through Redis's cjson, which writes 14 significant digits: exact for the integers
 * kept here (millisecond times until the year 5138, capacities, loads).
 */
const PRELUDE = `
local Q, I, C, O, P, H, L = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7]

-- Queue order as bytes: requeued first, then urgent, then the time she joined, then her id.
local function orderKey(item)
  return (item.requeued and '0' or '1') .. (item.urgent and '0' or '1') .. item.queuedAt .. '\\0' .. item.consultationId
end

-- Her item JSON, or false when she is not waiting.
local function removeWaiting(id)
  local json = redis.call('HGET', I, id)
  if not json then return false end
  redis.call('ZREM', Q, orderKey(cjson.decode(json)))
  redis.call('HDEL', I, id)
  return json
end

local function putWaiting(json)
  local item = cjson.decode(json)
  removeWaiting(item.consultationId)
  redis.call('ZADD', Q, 0, orderKey(item))
  redis.call('HSET', I, item.consultationId, json)
end

local function dequeue(id)
  local item = removeWaiting(id)
  redis.call('HDEL', P, id)
  local offer = redis.call('HGET', O, id)
  redis.call('HDEL', O, id)
  return item, offer
end

local function changeLoad(staffId, delta, at)
  local json = redis.call('HGET', C, staffId)
  if not json then return end
  local slot = cjson.decode(json)
  slot.load = slot.load + delta
  slot.idleSince = at
  redis.call('HSET', C, staffId, cjson.encode(slot))
end

local function hold(id, staffId, at)
  redis.call('HSET', L, id, staffId)
  changeLoad(staffId, 1, at)
end

local function unhold(id, at)
  local staffId = redis.call('HGET', L, id)
  if not staffId then return false end
  redis.call('HDEL', L, id)
  changeLoad(staffId, -1, at)
  return staffId
end

local function offersTo(staffId)
  local n = 0
  for _, json in ipairs(redis.call('HVALS', O)) do
    if cjson.decode(json).staffId == staffId then n = n + 1 end
  end
  return n
end
`;

/** One script per operation; ARGV as each comment says. */
export const QUEUE_SCRIPTS = {
  /**
   * One consistent picture: {waiting item JSONs in queue order, slot JSONs, offer JSONs,
   * passed-over as a flat [consultation, JSON array, …] list, handle times}. ARGV: how many of the
   * queue's head to read ('' for all of it, 0 for none).
   */
  view: `
local waiting = {}
local last = ARGV[1] == '' and -1 or tonumber(ARGV[1]) - 1
local members = last < 0 and ARGV[1] ~= '' and {} or redis.call('ZRANGE', Q, 0, last)
for _, member in ipairs(members) do
  table.insert(waiting, redis.call('HGET', I, string.match(member, '%z([^%z]*)$')))
end
return {waiting, redis.call('HVALS', C), redis.call('HVALS', O), redis.call('HGETALL', P), redis.call('LRANGE', H, 0, -1)}`,

  /**
   * ARGV: consultation. Returns {item JSON, 0-based rank, queue length}, or false when she does not
   * wait: the sorted set's rank is her place (the order keys sort as {@link compareItems}).
   */
  place: `
local json = redis.call('HGET', I, ARGV[1])
if not json then return false end
return {json, redis.call('ZRANK', Q, orderKey(cjson.decode(json))), redis.call('ZCARD', Q)}`,

  /** ARGV: item JSON. */
  enqueue: `putWaiting(ARGV[1]) return 1`,

  /** ARGV: items JSON array, slots JSON array, holdings JSON array. */
  restore: `
for _, item in ipairs(cjson.decode(ARGV[1])) do putWaiting(cjson.encode(item)) end
for _, slot in ipairs(cjson.decode(ARGV[2])) do redis.call('HSET', C, slot.staffId, cjson.encode(slot)) end
for _, h in ipairs(cjson.decode(ARGV[3])) do redis.call('HSET', L, h.consultationId, h.staffId) end
return 1`,

  /** ARGV: consultation, at, handled ms (or ''), keep. Returns {item|false, offer|false, heldBy|false}. */
  leave: `
local item, offer = dequeue(ARGV[1])
local heldBy = unhold(ARGV[1], tonumber(ARGV[2]))
if heldBy and ARGV[3] ~= '' and tonumber(ARGV[3]) >= 0 then
  redis.call('RPUSH', H, ARGV[3])
  redis.call('LTRIM', H, -tonumber(ARGV[4]), -1)
end
return {item, offer, heldBy}`,

  /** ARGV: item JSON, at. Returns heldBy|false. */
  requeue: `
local item = cjson.decode(ARGV[1])
local heldBy = unhold(item.consultationId, tonumber(ARGV[2]))
putWaiting(ARGV[1])
return heldBy`,

  /** ARGV: staff, change JSON, initial slot JSON. Returns the slot JSON after the change. */
  updateCounselor: `
local slot = cjson.decode(redis.call('HGET', C, ARGV[1]) or ARGV[3])
for k, v in pairs(cjson.decode(ARGV[2])) do slot[k] = v end
slot.staffId = ARGV[1]
local json = cjson.encode(slot)
redis.call('HSET', C, ARGV[1], json)
return json`,

  /** ARGV: staff. Returns the JSON of each offer to her, withdrawn with her slot. */
  removeCounselor: `
redis.call('HDEL', C, ARGV[1])
local gone = {}
for _, json in ipairs(redis.call('HVALS', O)) do
  local offer = cjson.decode(json)
  if offer.staffId == ARGV[1] then
    redis.call('HDEL', O, offer.consultationId)
    table.insert(gone, json)
  end
end
return gone`,

  /** ARGV: offer JSON, restart round ('1'/'0'). Returns 1 when made. */
  offer: `
local offer = cjson.decode(ARGV[1])
local json = redis.call('HGET', C, offer.staffId)
if not json then return 0 end
local slot = cjson.decode(json)
if not (slot.connected and slot.status == 'available') then return 0 end
if redis.call('HEXISTS', I, offer.consultationId) == 0 or redis.call('HEXISTS', O, offer.consultationId) == 1 then return 0 end
if slot.load + offersTo(offer.staffId) >= slot.capacity then return 0 end
if ARGV[2] == '1' then redis.call('HDEL', P, offer.consultationId) end
redis.call('HSET', O, offer.consultationId, ARGV[1])
return 1`,

  /** ARGV: offer JSON, pass over ('1'/'0'). Returns 1 when this call withdrew it. */
  withdraw: `
local offer = cjson.decode(ARGV[1])
local json = redis.call('HGET', O, offer.consultationId)
if not json then return 0 end
local current = cjson.decode(json)
if current.staffId ~= offer.staffId or current.offeredAt ~= offer.offeredAt then return 0 end
redis.call('HDEL', O, offer.consultationId)
if ARGV[2] == '1' then
  local before = redis.call('HGET', P, offer.consultationId)
  local list = before and cjson.decode(before) or {}
  local seen = false
  for _, s in ipairs(list) do if s == offer.staffId then seen = true end end
  if not seen then table.insert(list, offer.staffId) end
  redis.call('HSET', P, offer.consultationId, cjson.encode(list))
end
return 1`,

  /** ARGV: staff, consultation, at. Returns {refusal|'', offer JSON|false}. */
  assign: `
local json = redis.call('HGET', C, ARGV[1])
if not json then return {'unknown_counselor', false} end
if redis.call('HEXISTS', I, ARGV[2]) == 0 then return {'not_waiting', false} end
local slot = cjson.decode(json)
if slot.load >= slot.capacity then return {'at_capacity', false} end
local _, offer = dequeue(ARGV[2])
hold(ARGV[2], ARGV[1], tonumber(ARGV[3]))
return {'', offer}`,

  /** ARGV: consultation, from staff, to staff, at. Returns the refusal, or '' when moved. */
  transfer: `
if redis.call('HGET', L, ARGV[1]) ~= ARGV[2] then return 'not_held' end
local json = redis.call('HGET', C, ARGV[3])
if not json then return 'unknown_counselor' end
local to = cjson.decode(json)
if not to.connected then return 'offline' end
if to.load >= to.capacity then return 'at_capacity' end
unhold(ARGV[1], tonumber(ARGV[4]))
hold(ARGV[1], ARGV[3], tonumber(ARGV[4]))
return ''`,
} as const;

export type QueueScriptName = keyof typeof QUEUE_SCRIPTS;

/** The script Redis runs for `name`: the shared helpers, then the operation. */
export function queueScript(name: QueueScriptName): string {
  return `${PRELUDE}\n${QUEUE_SCRIPTS[name]}`;
}
