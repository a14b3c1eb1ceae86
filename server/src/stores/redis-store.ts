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

const PREFIX = 'share-bar';

// Dedupe check, the bound per address, dedupe mark and increment in one atomic step. KEYS[1] is
// the url's counts hash, KEYS[2] the counter of the address's shares of (url, network), KEYS[3..]
// the visitor's dedupe keys (current first); all share the url's hash tag, so the script runs on
// one Redis Cluster slot. ARGV: network, dedupe seconds, shares allowed per address ('' = no
// bound). The dedupe key and the counter expire in Redis itself. Answers {counted, count, new page}.
const RECORD_SCRIPT = `
local function uncounted()
  return {0, tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0'), 0}
end
for i = 3, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return uncounted() end
end
if ARGV[3] ~= '' then
  if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[3]) then return uncounted() end
  if redis.call('INCR', KEYS[2]) == 1 then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
end
redis.call('SET', KEYS[3], '1', 'EX', ARGV[2])
local new = 1 - redis.call('EXISTS', KEYS[1])
return {1, redis.call('HINCRBY', KEYS[1], ARGV[1], 1), new}
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
  #firstConnect: Promise<unknown> | undefined;
  /** The client with the abort signal of the current second (see `#commands`). */
  #window: { commands: RedisClient; until: number } | undefined;

  /** @param url a `redis://` or `rediss://` url; the database number is its path. */
  constructor(url: string) {
    this.#client = newClient(url);
    let lastLogged = 0;
    this.#client.on('error', (error: Error) => {
      // Reconnect attempts repeat the same error every second; say it once a minute.
      if (Date.now() - lastLogged > 60_000) {
        lastLogged = Date.now();
        console.error(`share-bar-server: redis: ${error.message}`);
      }
    });
    // The reconnect strategy keeps trying when this fails; requests answer 503 meanwhile.
    this.#firstConnect = this.#client.connect().then(
      () => (this.#firstConnect = undefined),
      () => (this.#firstConnect = undefined),
    );
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
    const tag = hashTag(share.url);
    const keys = [
      `${PREFIX}:${tag}:counts`,
      `${PREFIX}:${tag}:address:${share.network}:${share.addressKey ?? ''}`,
      ...share.visitorKeys.map((visitor) => `${PREFIX}:${tag}:seen:${share.network}:${visitor}`),
    ];
    const perAddress = share.addressKey === undefined ? '' : String(share.perAddress ?? '');
    const args = [share.network, String(share.dedupeSeconds), perAddress];
    const reply = (await this.#call(() => this.#commands().eval(RECORD_SCRIPT, { keys, arguments: args }))) as [
      number,
      number,
      number,
    ];
    const counted = reply[0] === 1;
    // The statistics live on a slot of their own, so this is a second step: a share this process
    // cannot take further (Redis gone in between) is answered 503, as any unacknowledged share.
    if (counted || share.title !== undefined) {
      const day = share.day ?? utcDay(Date.now());
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
      await this.#call(() => this.#commands().eval(HISTORY_SCRIPT, { keys: historyKeys, arguments: args }));
    }
    return { counted, count: Number(reply[1]), newPage: reply[2] === 1 };
  }

  /** {@inheritDoc CountStore.history} */
  async history(query: HistoryQuery): Promise<HistoryTotals> {
    const tally = new HistoryTally<string>();
    if (query.url !== undefined) {
      const id = await this.#call(() => this.#commands().hGet(PAGE_IDS, query.url!));
      if (id == null) return { days: [], pages: [] };
      for (const row of await this.#pageRows(query.url, query.from, query.to)) {
        tally.addDay(row.day, row.network, row.shares);
        tally.addPage(id, row.network, row.shares);
      }
    } else {
      const days = daysBetween(query.from, query.to);
      // Every day's two hashes asked at once: the client sends them in one write.
      const [totals, pages] = await Promise.all([
        Promise.all(days.map((day) => this.#call(() => this.#commands().hGetAll(dayKey(day))))),
        Promise.all(days.map((day) => this.#call(() => this.#commands().hGetAll(dayPagesKey(day))))),
      ]);
      days.forEach((day, i) => {
        for (const [network, shares] of Object.entries(totals[i]!)) tally.addDay(day, network, Number(shares));
        for (const [field, shares] of Object.entries(pages[i]!)) {
          const colon = field.indexOf(':');
          tally.addPage(field.slice(0, colon), field.slice(colon + 1), Number(shares));
        }
      });
    }
    const pages = await tally.topPages(query.limit, (ids) => this.#describe(ids));
    return { days: tally.days(), pages };
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
    const pages = await Promise.all(days.map((day) => this.#call(() => this.#commands().hGetAll(dayPagesKey(day)))));
    const found: { day: string; id: string; network: string; shares: number }[] = [];
    days.forEach((day, i) => {
      for (const [field, shares] of Object.entries(pages[i]!)) {
        const colon = field.indexOf(':');
        found.push({ day, id: field.slice(0, colon), network: field.slice(colon + 1), shares: Number(shares) });
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
    const stored = await this.#call(() => this.#commands().hGetAll(pageDaysKey(url)));
    const rows = [];
    for (const [field, shares] of Object.entries(stored)) {
      const day = field.slice(0, 10);
      if (day >= from && day <= to) rows.push({ day, network: field.slice(11), shares: Number(shares) });
    }
    return rows;
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

  /** {@inheritDoc CountStore.ping} */
  async ping(): Promise<void> {
    await this.#call(() => this.#commands().ping());
  }

  /** {@inheritDoc CountStore.close} */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#client.isReady) {
      this.#client.destroy();
      return;
    }
    await Promise.race([this.#client.close(), new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    if (this.#client.isOpen) this.#client.destroy();
  }

  async #call<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#closed) throw new StoreUnavailableError('store closed');
    const started = Date.now();
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    // The client's own timeout stops counting once a command is written, so a frozen Redis would
    // hang the request: race every call against a deadline of our own. It measures Redis' silence,
    // not this call's age: a busy event loop or a long queue of replies still arriving is not an
    // outage, so they must not turn into 503s.
    const deadline = new Promise<never>((_, reject) => {
      const check = () =>
        // Run after the poll phase, so a reply already in the socket wins over a late timer.
        setImmediate(() => {
          if (settled) return;
          const now = Date.now();
          const silence = now - Math.max(this.#lastReply, started);
          if (silence >= REDIS_COMMAND_TIMEOUT_MS || now - started >= REDIS_MAX_WAIT_MS) {
            reject(new Error(`no answer within ${REDIS_COMMAND_TIMEOUT_MS} ms`));
          } else {
            timer = setTimeout(check, REDIS_COMMAND_TIMEOUT_MS - silence);
          }
        });
      timer = setTimeout(check, REDIS_COMMAND_TIMEOUT_MS);
    });
    try {
      // Right after start, give the first connection a moment instead of failing at once.
      if (!this.#client.isReady && this.#firstConnect) await Promise.race([this.#firstConnect, deadline]);
      if (!this.#client.isReady) throw new Error('not connected');
      const value = await Promise.race([fn(), deadline]);
      this.#lastReply = Date.now();
      return value;
    } catch (error) {
      throw new StoreUnavailableError(`redis: ${(error as Error).message}`, { cause: error });
    } finally {
      settled = true;
      clearTimeout(timer);
    }
  }
}

/** Orders strings by their UTF-16 code units, as `Array.prototype.sort` does. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
