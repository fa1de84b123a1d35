"""The class tally in Redis, for a lecture hall of several server processes (README, "A lecture hall"): every
process counts into the same store, so a class split across processes sees one tally.

The same counts and receipts as InProcessTally: a vote is one Lua script, run whole by Redis, so that two processes
changing the same card cannot lose a vote. A class lives until nobody has voted in it for CLASS_TTL_S (a Redis key
time-to-live); a receipt from an earlier life of a class takes nothing from the new one. Redis that cannot be reached
raises TallyUnavailable within about CONNECT_TIMEOUT_S, never hangs a page."""

from __future__ import annotations

from urllib.parse import quote

from explorer.core.class_tally import Receipt, TallyUnavailable

CLASS_TTL_S = 12 * 3600  # a school day: a lesson link used again the next morning starts a fresh tally
CONNECT_TIMEOUT_S = 0.5  # a page waits at most about this long for a Redis that is down
PREFIX = "explorer:tally"
REDIS_URL_VARIABLE = "EXPLORER_REDIS_URL"  # set, the app keeps its class tally in this Redis

# KEYS: the class's life, the card's counts, the counter of lives. ARGV: choice, previous choice ('' for none),
# previous life ('' for none), time-to-live. Returns the class's life.
_VOTE = """
local life = redis.call('GET', KEYS[1])
if not life then
  life = tostring(redis.call('INCR', KEYS[3]))
  redis.call('SET', KEYS[1], life)
end
if ARGV[2] ~= '' and ARGV[3] == life and tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0') > 0 then
  redis.call('HINCRBY', KEYS[2], ARGV[2], -1)
end
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
redis.call('EXPIRE', KEYS[1], ARGV[4])
redis.call('EXPIRE', KEYS[2], ARGV[4])
return life
"""


class RedisTally:
    def __init__(self, url: str, *, ttl_s: int = CLASS_TTL_S, prefix: str = PREFIX):
        import redis  # only a lecture hall needs it
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        self.ttl_s = ttl_s
        self.prefix = prefix
        self._errors = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
        self._client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=CONNECT_TIMEOUT_S,
                                            socket_connect_timeout=CONNECT_TIMEOUT_S, retry=Retry(NoBackoff(), 0))
        self._vote = self._client.register_script(_VOTE)

    def _keys(self, class_id: str, card_id: str) -> tuple[str, str]:
        class_key = f"{self.prefix}:class:{quote(class_id, safe='')}"
        return f"{class_key}:life", f"{class_key}:card:{quote(card_id, safe='')}"

    def vote(self, class_id: str, card_id: str, choice: str, previous: Receipt | None = None) -> Receipt:
        life_key, card_key = self._keys(class_id, card_id)
        same_card = previous is not None and (previous.class_id, previous.card_id) == (class_id, card_id)
        try:
            life = self._vote(keys=[life_key, card_key, f"{self.prefix}:lives"],
                              args=[choice, previous.choice if same_card else "",
                                    str(previous.serial) if same_card else "", self.ttl_s])
        except self._errors as error:
            raise TallyUnavailable(f"the class tally's Redis cannot be reached ({error})") from None
        return Receipt(class_id, card_id, choice, int(life))

    def counts(self, class_id: str, card_id: str) -> dict[str, int]:
        try:
            counts = self._client.hgetall(self._keys(class_id, card_id)[1])
        except self._errors as error:
            raise TallyUnavailable(f"the class tally's Redis cannot be reached ({error})") from None
        return {choice: int(count) for choice, count in counts.items() if int(count) > 0}
