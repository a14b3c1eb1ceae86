import { createHash, randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createClient } from '@redis/client';
import { daysBetween, utcDay } from '../days.js';
import {
  SALT_TTL_SECONDS,
  StoreUnavailableError,
  type CountStore,
  type Counts,
  type HistoryQuery,
  type HistoryRow,
  type HistoryTotals,
  type RecordResult,
  type Share,
} from './count-store.js';
import { HistoryTally } from './history-tally.js';

/**
 * How long Redis may stay silent before a call fails, so the service answers 503 within a second
 * (docs/count-service.md#when-the-store-goes-away).
 */
export const REDIS_COMMAND_TIMEOUT_MS = 700;

/** Longest any call waits, even while Redis keeps answering earlier commands. */
const REDIS_MAX_WAIT_MS = 5000;

/**
 * A share that reaches Redis later than this after it was sent is not recorded, and the call gives
 * up (503) RECORD_REPLY_MS after that: so a 503 always means "not counted", also for the commands
 * a frozen Redis runs once it resumes (docs/count-service.md#when-the-store-goes-away).
 */
const RECORD_DEADLINE_MS = 750;
/** How long the answer of a share recorded just before its deadline may take to come back. */
const RECORD_REPLY_MS = 100;

/** How often the marker is checked (and Redis' clock compared) besides reconnects and pings. */
const CHECK_EVERY_MS = 10_000;

const PREFIX = 'share-bar';

// Dedupe check, the bound per address, dedupe mark and increment in one atomic step. KEYS[1] is
// the url's counts hash, KEYS[2] the day's shares of (url, network) per address key, KEYS[3..]
// the visitor's dedupe keys (current first; none for a share without a visitor); all share the
// url's hash tag, so the script runs on one Redis Cluster slot. ARGV: network, dedupe seconds,
// shares allowed per address, the deadline in ms of Redis' clock, the address key ('' = no
// bound). The dedupe key and the day's hash expire in Redis itself. Answers {counted, count,
// new page}, or {-1, 0, 0} past the deadline.
const RECORD_SCRIPT = `
local time = redis.call('TIME')
if tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000) > tonumber(ARGV[4]) then
  return {-1, 0, 0}
end
local function uncounted()
  return {0, tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0'), 0}
end
for i = 3, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return uncounted() end
end
if ARGV[5] ~= '' then
  local shares = redis.call('HINCRBY', KEYS[2], ARGV[5], 1)
  if shares == 1 then redis.call('EXPIRE', KEYS[2], 2 * tonumber(ARGV[2]), 'NX') end
  if shares > tonumber(ARGV[3]) then
    redis.call('HINCRBY', KEYS[2], ARGV[5], -1)
    return uncounted()
  end
end
if KEYS[3] then redis.call('SET', KEYS[3], '1', 'EX', ARGV[2]) end
local count = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
local new = 0
if count == 1 and redis.call('HLEN', KEYS[1]) == 1 then new = 1 end
return {1, count, new}
`;

/** The hash tag of every statistics key: one slot, so one script updates them all together. */
const STATS = `${PREFIX}:{stats}`;

// The history of one counted share, and a page's title, in one atomic step on the statistics' slot
// (docs/statistics.md#redis-keys). KEYS: page ids by url, urls by page id, titles by page id, the
// last page id, the day's totals, the day's shares per page, the page's shares per day. ARGV: url,
// counted (1/0), has title (1/0), title, network, day. A page gets a short id the first time it
// is seen, so the per-day hashes stay small.
const HISTORY_SCRIPT = `
local id = redis.call('HGET', KEYS[1], ARGV[1])
if not id then
  id = redis.call('INCR', KEYS[4])
  redis.call('HSET', KEYS[1], ARGV[1], id)
  redis.call('HSET', KEYS[2], id, ARGV[1])
end
if ARGV[3] == '1' then redis.call('HSET', KEYS[3], id, ARGV[4]) end
if ARGV[2] == '1' then
  redis.call('HINCRBY', KEYS[5], ARGV[5], 1)
  redis.call('HINCRBY', KEYS[6], id .. ':' .. ARGV[5], 1)
  redis.call('HINCRBY', KEYS[7], ARGV[6] .. ':' .. ARGV[5], 1)
end
return 1
`;

/** Page ids by url. */
const PAGE_IDS = `${STATS}:page-ids`;
/** Urls by page id. */
const PAGE_URLS = `${STATS}:pages`;
/** Titles by page id. */
const PAGE_TITLES = `${STATS}:titles`;
/** The last page id given out. */
const LAST_PAGE_ID = `${STATS}:last-page-id`;
/** A day's shares per network. */
const dayKey = (day: string) => `${STATS}:day:${day}`;
/** A day's shares per `<page id>:<network>`. */
const dayPagesKey = (day: string) => `${STATS}:day:${day}:pages`;
/** A page's shares per `<day>:<network>`, by the digest of its url. */
const pageDaysKey = (url: string) => `${STATS}:page:${hashTag(url).slice(1, -1)}`;

/**
 * Written once, when the first process starts on a Redis, and never removed: a Redis that comes
 * back without it lost its data (docs/count-service.md#when-the-store-goes-away).
 */
const MARKER = `${PREFIX}:{marker}`;

// The marker (created first when ARGV[2] is '1', with the value ARGV[1]) and Redis' clock in ms.
const CHECK_SCRIPT = `
if ARGV[2] == '1' then redis.call('SET', KEYS[1], ARGV[1], 'NX') end
local time = redis.call('TIME')
return {redis.call('GET', KEYS[1]), tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)}
`;

// Get-or-create the day's salt in one round trip, so all processes end up with the same one.
const SALT_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2])
return redis.call('GET', KEYS[1])
`;

const hashTags = new Map<string, string>();

/** `{…}` hash tag of a url: a digest, so long urls make short keys and every key of a url shares a slot. */
function hashTag(url: string): string {
  let tag = hashTags.get(url);
  if (tag === undefined) {
    tag = `{${createHash('sha256').update(url).digest('base64url').slice(0, 24)}}`;
    // The urls asked for most are few; forget them all now and then rather than keep an LRU.
    if (hashTags.size >= 10_000) hashTags.clear();
    hashTags.set(url, tag);
  }
  return tag;
}

function newClient(url: string) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 1000,
      // Retry quickly, never give up: the service must heal without a restart.
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000),
    },
  });
}

type RedisClient = ReturnType<typeof newClient>;

/**
 * A store in Redis (`redis://host:port/db`, `rediss://` for TLS), shared by any number of service
 * processes. Commands fail fast while Redis is unreachable (no offline queue, a per-command
 * timeout) so the service answers 503 instead of hanging, and the client reconnects by itself.
 */
export class RedisStore implements CountStore {
  readonly #client: RedisClient;
  #closed = false;
  #lastReply = 0;
  /** Why the client is not connected, as it last said. */
  #lastError: Error | undefined;
  /** The first connection and its check, which every call waits for. */
  #firstConnect: Promise<unknown> | undefined;
  /** The client with the abort signal of the current second (see `#commands`). */
  #window: { commands: RedisClient; until: number } | undefined;
  /** The marker's value as this process first found (or wrote) it. */
  #marker: string | undefined;
  #dataLost: string | undefined;
  /** The check of how Redis persists, made once. */
  #persistenceChecked: Promise<void> | undefined;
  /** Redis' clock minus this process', in ms, as last measured (see `#learnClock`). */
  #clockOffset = 0;
  #bestRoundTrip = Infinity;
  /** When `#clockOffset` was last taken, 0 for never. */
  #clockLearnt = 0;
  readonly #checks: NodeJS.Timeout;

  /** @param url a `redis://` or `rediss://` url; the database number is its path. */
  constructor(url: string) {
    this.#client = newClient(url);
    let lastLogged = 0;
    this.#client.on('error', (error: Error) => {
      this.#lastError = error;
      // Reconnect attempts repeat the same error every second; say it once a minute.
      if (Date.now() - lastLogged > 60_000) {
        lastLogged = Date.now();
        console.error(`share-bar-server: redis: ${error.message}`);
      }
    });
    // A Redis that restarted empty is noticed as soon as the client is back.
    this.#client.on('ready', () => {
      this.#lastError = undefined;
      if (!this.#firstConnect) void this.#check().catch(() => {});
    });
    // The reconnect strategy keeps trying when this fails; requests answer 503 meanwhile.
    this.#firstConnect = this.#client
      .connect()
      .then(() => this.#check())
      .catch(() => {})
      .finally(() => (this.#firstConnect = undefined));
    this.#checks = setInterval(() => {
      if (this.#client.isReady && !this.#firstConnect) void this.#check().catch(() => {});
    }, CHECK_EVERY_MS).unref();
  }

  /**
   * Why the counts in Redis cannot be trusted since this process started: the marker it found at
   * start is gone or replaced (Redis restarted without persistence, or was flushed).
   */
  get dataLost(): string | undefined {
    return this.#dataLost;
  }

  /**
   * Reads the marker (writing it, and checking how Redis persists, the first time) and Redis'
   * clock, whose offset from this process' sets the deadline of each share.
   */
  async #check(): Promise<void> {
    const first = this.#marker === undefined;
    const token = randomBytes(16).toString('hex');
    const sent = Date.now();
    const [marker, redisTime] = (await this.#call(
      () => this.#commands().eval(CHECK_SCRIPT, { keys: [MARKER], arguments: [token, first ? '1' : '0'] }),
      { afterFirstCheck: false },
    )) as [string | null, number];
    this.#learnClock(Number(redisTime), sent, Date.now());
    // Asked once Redis answered (before, the client refuses commands), and said before any request.
    await (this.#persistenceChecked ??= this.#warnIfNotPersisted());
    if (first) {
      this.#marker = marker ?? token;
    } else if (marker === this.#marker) {
      // Restored from a backup: the counts are the ones this process knew.
      this.#dataLost = undefined;
    } else if (this.#dataLost === undefined) {
      const found = marker === null ? 'gone' : 'another one';
      this.#dataLost =
        `redis lost its data: the key ${MARKER}, there when this process started, is ${found} ` +
        '(Redis restarted without persistence, or was flushed or replaced)';
      console.error(
        `share-bar-server: ERROR: ${this.#dataLost}. Every count started again from zero. /healthz answers 503 ` +
          'until Redis is restored from a backup or this process is restarted ' +
          '(docs/count-service.md#when-the-store-goes-away)',
      );
    }
  }

  /**
   * Takes Redis' clock read between `sent` and `received` as the offset from this process' clock,
   * unless the round trip took much longer than the best seen lately: a busy event loop, not the
   * network, would then make the error (half the round trip) large.
   */
  #learnClock(redisTime: number, sent: number, received: number): void {
    const roundTrip = received - sent;
    if (roundTrip > 2 * this.#bestRoundTrip + 5 && received - this.#clockLearnt < 600_000) return;
    this.#bestRoundTrip = this.#clockLearnt === 0 ? roundTrip : Math.min(this.#bestRoundTrip, roundTrip);
    this.#clockLearnt = received;
    this.#clockOffset = redisTime - (sent + received) / 2;
  }

  /** Warns when Redis keeps nothing across a restart, or may evict counts; silent when CONFIG is refused. */
  async #warnIfNotPersisted(): Promise<void> {
    try {
      const config = async (name: string) => (await this.#commands().configGet(name))[name];
      const [save, appendonly, policy] = await Promise.all([
        config('save'),
        config('appendonly'),
        config('maxmemory-policy'),
      ]);
      if (save === '' && appendonly === 'no') {
        console.error(
          'share-bar-server: warning: redis persists nothing (save "", appendonly no): when it restarts, every ' +
            'count is lost. Set appendonly yes (docs/count-service.md#running-more-than-one)',
        );
      }
      if (policy?.startsWith('allkeys-')) {
        console.error(
          `share-bar-server: warning: redis may evict any key (maxmemory-policy ${policy}): counts can disappear. ` +
            'Use noeviction',
        );
      }
    } catch {
      // CONFIG renamed, disabled or not allowed to this user: nothing to check with.
    }
  }

  /**
   * The client to send commands with: commands that could not even be written within
   * REDIS_MAX_WAIT_MS (a dead socket) are dropped. One abort signal serves every command of the same
   * second, fired 5 s after it began (the client's own per-command timeout costs a timer and an
   * AbortSignal per command, a tenth of a cached GET).
   */
  #commands(): RedisClient {
    const now = Date.now();
    if (this.#window === undefined || now >= this.#window.until) {
      const controller = new AbortController();
      // Every command not yet written listens on it; they are many in a burst, and not a leak.
      setMaxListeners(0, controller.signal);
      setTimeout(() => controller.abort(), REDIS_MAX_WAIT_MS).unref();
      this.#window = { commands: this.#client.withAbortSignal(controller.signal), until: now + 1000 };
    }
    return this.#window.commands;
  }

  /** {@inheritDoc CountStore.get} */
  async get(url: string, networks?: readonly string[]): Promise<Counts> {
    const stored = await this.#call(() => this.#commands().hGetAll(`${PREFIX}:${hashTag(url)}:counts`));
    const out: Counts = {};
    if (networks) for (const network of networks) out[network] = Number(stored[network] ?? 0);
    else for (const [network, count] of Object.entries(stored)) out[network] = Number(count);
    return out;
  }

  /** {@inheritDoc CountStore.record} */
  async record(share: Share): Promise<RecordResult> {
    const today = utcDay(Date.now());
    const tag = hashTag(share.url);
    const keys = [
      `${PREFIX}:${tag}:counts`,
      `${PREFIX}:${tag}:addresses:${share.network}:${today}`,
      ...share.visitorKeys.map((visitor) => `${PREFIX}:${tag}:seen:${share.network}:${visitor}`),
    ];
    const addressKey = share.perAddress === undefined ? undefined : share.addressKeys?.[0];
    const perAddress = addressKey === undefined ? '' : String(share.perAddress);
    const reply = (await this.#call(
      (sent) => {
        const deadline = Math.floor(sent + this.#clockOffset + RECORD_DEADLINE_MS);
        const args = [share.network, String(share.dedupeSeconds), perAddress, String(deadline), addressKey ?? ''];
        return this.#commands().eval(RECORD_SCRIPT, { keys, arguments: args });
      },
      { giveUpMs: RECORD_DEADLINE_MS + RECORD_REPLY_MS },
    )) as [number, number, number];
    if (reply[0] === -1)
      throw new StoreUnavailableError('redis: the share reached Redis too late and was not recorded');
    const counted = reply[0] === 1;
    // The statistics live on a slot of their own, so this is a second step. Once the count is
    // raised, a failure here is logged, not answered 503: a 503 says the share was not counted.
    if (counted || share.title !== undefined) {
      const day = share.day ?? today;
      const historyKeys = [
        PAGE_IDS,
        PAGE_URLS,
        PAGE_TITLES,
        LAST_PAGE_ID,
        dayKey(day),
        dayPagesKey(day),
        pageDaysKey(share.url),
      ];
      const title = share.title ?? '';
      const args = [share.url, counted ? '1' : '0', share.title === undefined ? '0' : '1', title, share.network, day];
      try {
        await this.#call(() => this.#commands().eval(HISTORY_SCRIPT, { keys: historyKeys, arguments: args }));
      } catch (error) {
        if (!counted) throw error;
        console.error(`share-bar-server: a counted share is missing from the statistics: ${(error as Error).message}`);
      }
    }
    return { counted, count: Number(reply[1]), newPage: reply[2] === 1 };
  }

  /** {@inheritDoc CountStore.history} */
  async history(query: HistoryQuery): Promise<HistoryTotals> {
    const tally = new HistoryTally<number>();
    /** Each day's page shares, field, value, field, value… (fields `<page id>:<network>`). */
    let pages: string[][] = [];
    if (query.url !== undefined) {
      const id = await this.#call(() => this.#commands().hGet(PAGE_IDS, query.url!));
      if (id == null) return { days: [], pages: [] };
      for (const row of await this.#pageRows(query.url, query.from, query.to)) {
        tally.addDay(row.day, row.network, row.shares);
        tally.addPage(Number(id), row.network, row.shares);
      }
    } else {
      const days = daysBetween(query.from, query.to);
      // Every day's two hashes asked at once: the client sends them in one write.
      // Adding up every page is the cost of a query: skipped when no page is asked for.
      let totals: string[][];
      [totals, pages] = await Promise.all([
        Promise.all(days.map((day) => this.#hash(dayKey(day)))),
        query.limit > 0 ? Promise.all(days.map((day) => this.#hash(dayPagesKey(day)))) : [],
      ]);
      days.forEach((day, i) => {
        const dayTotals = totals[i]!;
        for (let f = 0; f < dayTotals.length; f += 2) tally.addDay(day, dayTotals[f]!, Number(dayTotals[f + 1]));
      });
      // Totals by page id first (`parseInt` reads the id and stops at the colon)... A month at a
      // time, letting other requests through in between: this runs on the service's event loop.
      for (const [i, dayPages] of pages.entries()) {
        if (i % 30 === 29) await new Promise((resolve) => setImmediate(resolve));
        for (let f = 0; f < dayPages.length; f += 2) {
          tally.addPageTotal(parseInt(dayPages[f]!, 10), Number(dayPages[f + 1]));
        }
      }
    }
    // ...then the networks of the pages that make the list, from the same replies.
    const networksOf = (ids: number[]) => {
      const wanted = new Map(ids.map((id): [number, Counts] => [id, {}]));
      for (const dayPages of pages) {
        for (let f = 0; f < dayPages.length; f += 2) {
          const field = dayPages[f]!;
          const counts = wanted.get(parseInt(field, 10));
          if (counts === undefined) continue;
          const network = field.slice(field.indexOf(':') + 1);
          counts[network] = (counts[network] ?? 0) + Number(dayPages[f + 1]);
        }
      }
      return wanted;
    };
    const top = await tally.topPages(query.limit, (ids) => this.#describe(ids.map(String)), networksOf);
    return { days: tally.days(), pages: top };
  }

  /** {@inheritDoc CountStore.historyRows} */
  async historyRows(query: Omit<HistoryQuery, 'limit'>): Promise<HistoryRow[]> {
    if (query.url !== undefined) {
      const id = await this.#call(() => this.#commands().hGet(PAGE_IDS, query.url!));
      if (id == null) return [];
      const title = (await this.#describe([id]))[0]?.title ?? null;
      return (await this.#pageRows(query.url, query.from, query.to))
        .map((row) => ({ ...row, url: query.url!, title }))
        .sort((a, b) => compare(a.day, b.day) || compare(a.network, b.network));
    }
    const days = daysBetween(query.from, query.to);
    const pages = await Promise.all(days.map((day) => this.#hash(dayPagesKey(day))));
    const found: { day: string; id: string; network: string; shares: number }[] = [];
    days.forEach((day, i) => {
      const dayPages = pages[i]!;
      for (let f = 0; f < dayPages.length; f += 2) {
        const field = dayPages[f]!;
        const colon = field.indexOf(':');
        found.push({
          day,
          id: field.slice(0, colon),
          network: field.slice(colon + 1),
          shares: Number(dayPages[f + 1]),
        });
      }
    });
    const ids = [...new Set(found.map((row) => row.id))];
    const described = new Map((await this.#describe(ids)).map((page, i) => [ids[i]!, page]));
    return found
      .map(({ day, id, network, shares }) => ({ day, ...described.get(id)!, network, shares }))
      .sort((a, b) => compare(a.day, b.day) || compare(a.url, b.url) || compare(a.network, b.network));
  }

  /** A page's (day, network, shares) within the range, from its own hash. */
  async #pageRows(url: string, from: string, to: string): Promise<{ day: string; network: string; shares: number }[]> {
    const stored = await this.#hash(pageDaysKey(url));
    const rows = [];
    for (let f = 0; f < stored.length; f += 2) {
      const field = stored[f]!;
      const day = field.slice(0, 10);
      if (day >= from && day <= to) rows.push({ day, network: field.slice(11), shares: Number(stored[f + 1]) });
    }
    return rows;
  }

  /**
   * A hash as its flat reply, field, value, field, value…: the statistics read hundreds of
   * thousands of fields, and building an object of each hash takes three times as long.
   */
  async #hash(key: string): Promise<string[]> {
    return (await this.#call(() => this.#commands().sendCommand(['HGETALL', key]))) as string[];
  }

  /** The url and title of each page id. */
  async #describe(ids: string[]): Promise<{ url: string; title: string | null }[]> {
    if (ids.length === 0) return [];
    const [urls, titles] = await Promise.all([
      this.#call(() => this.#commands().hmGet(PAGE_URLS, ids)),
      this.#call(() => this.#commands().hmGet(PAGE_TITLES, ids)),
    ]);
    return ids.map((_, i) => ({ url: String(urls[i] ?? ''), title: titles[i] ?? null }));
  }

  /** {@inheritDoc CountStore.salt} */
  async salt(day: string): Promise<Buffer> {
    const salt = await this.#call(() =>
      this.#commands().eval(SALT_SCRIPT, {
        keys: [`${PREFIX}:salt:${day}`],
        arguments: [randomBytes(32).toString('hex'), String(SALT_TTL_SECONDS)],
      }),
    );
    if (typeof salt !== 'string') throw new StoreUnavailableError('redis: salt missing');
    return Buffer.from(salt, 'hex');
  }

  /** {@inheritDoc CountStore.ping} Checks the marker too (`dataLost`). */
  async ping(): Promise<void> {
    await this.#check();
  }

  /** {@inheritDoc CountStore.close} */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#checks);
    if (!this.#client.isReady) {
      this.#client.destroy();
      return;
    }
    await Promise.race([this.#client.close(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    if (this.#client.isOpen) this.#client.destroy();
  }

  /**
   * Calls Redis, failing with StoreUnavailableError when it does not answer in time. `fn` gets the
   * time the command is sent. Options: `afterFirstCheck` false for the first check itself (which
   * the others wait for); `giveUpMs`, a fixed time after sending to give up at, instead of Redis'
   * silence.
   */
  async #call<T>(fn: (sent: number) => Promise<T>, options: CallOptions = {}): Promise<T> {
    if (this.#closed) throw new StoreUnavailableError('store closed');
    let timeout: Timeout | undefined;
    try {
      // Right after start, give the first connection a moment instead of failing at once.
      if (options.afterFirstCheck !== false && this.#firstConnect) {
        timeout = this.#timeout(Date.now());
        await Promise.race([this.#firstConnect, timeout.expired]);
      }
      if (!this.#client.isReady) {
        throw new Error(this.#lastError ? `not connected: ${this.#lastError.message}` : 'not connected');
      }
      const sent = Date.now();
      if (timeout === undefined || options.giveUpMs !== undefined) {
        timeout?.cancel();
        timeout = this.#timeout(sent, options.giveUpMs);
      }
      const value = await Promise.race([fn(sent), timeout.expired]);
      this.#lastReply = Date.now();
      return value;
    } catch (error) {
      throw new StoreUnavailableError(`redis: ${(error as Error).message}`, { cause: error });
    } finally {
      timeout?.cancel();
    }
  }

  /**
   * A timeout from `from`: after `fixedMs`, or else once Redis was silent REDIS_COMMAND_TIMEOUT_MS
   * (or REDIS_MAX_WAIT_MS passed). The client's own timeout stops counting once a command is
   * written, so a frozen Redis would hang the request; and silence, not a call's age, is what
   * tells an outage: a busy event loop or a long queue of replies still arriving is none.
   */
  #timeout(from: number, fixedMs?: number): Timeout {
    let timer: NodeJS.Timeout | undefined;
    let cancelled = false;
    const expired = new Promise<never>((_, reject) => {
      const wait = fixedMs ?? REDIS_COMMAND_TIMEOUT_MS;
      const check = () =>
        // Run after the poll phase, so a reply already in the socket wins over a late timer.
        setImmediate(() => {
          if (cancelled) return;
          const now = Date.now();
          const quiet = fixedMs === undefined ? now - Math.max(this.#lastReply, from) : now - from;
          if (quiet >= wait || now - from >= REDIS_MAX_WAIT_MS) {
            reject(new Error(`no answer within ${wait} ms`));
          } else {
            timer = setTimeout(check, wait - quiet);
          }
        });
      timer = setTimeout(check, wait);
    });
    expired.catch(() => {});
    return {
      expired,
      cancel: () => {
        cancelled = true;
        clearTimeout(timer);
      },
    };
  }
}

/** Options of `RedisStore.#call`. */
interface CallOptions {
  /** False for the first check itself, which every other call waits for. */
  afterFirstCheck?: boolean;
  /** Give up this long after sending, whatever else Redis answers meanwhile. */
  giveUpMs?: number;
}

/** A pending timeout of `RedisStore.#timeout`. */
interface Timeout {
  /** Rejects when time is up. */
  expired: Promise<never>;
  /** Stops it. */
  cancel(): void;
}

/** Orders strings by their UTF-16 code units, as `Array.prototype.sort` does. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
