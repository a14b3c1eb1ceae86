/** How many GET answers are kept at most; past that, all are dropped at once rather than tracked in an LRU. */
const MAX_KEPT_ANSWERS = 10_000;
/**
 * How many characters of queries, answers and urls are kept at most, dropped the same way: padded
 * queries (a query may be as long as a request line) must not grow the process by gigabytes.
 */
const MAX_KEPT_CHARS = 8 << 20;

/** A GET answer read from the store, with the page urls it read (one, or a page's variants). */
export interface ReadAnswer {
  /** The JSON text of the answer. */
  text: string;
  /** The normalised page urls whose counts the answer holds. */
  urls: readonly string[];
}

/** One kept answer. */
interface KeptAnswer {
  /** The JSON text answered. */
  text: string;
  /** `Date.now()` past which it is read again. */
  expires: number;
}

/** A read in progress, and the share generation it began in. */
interface PendingRead {
  /** The share generation when the read began. */
  generation: number;
  /** The answer's JSON text, once read. */
  text: Promise<string>;
}

/**
 * `GET /counts` answers kept in memory, by raw query, so the readers of a popular page do not each
 * ask the store. An answer is dropped as soon as a share of one of its urls counts in this
 * process, or after `ttlMs` (which bounds how late other processes' shares show). Readers of one
 * query at the same time share one read.
 */
export class AnswerCache {
  /** Reads the answer to a query from the store (and the upstreams). */
  readonly #read: (query: string) => Promise<ReadAnswer>;
  /** How long an answer is kept, in ms; 0 (the default) keeps none, but still shares reads in progress. */
  ttlMs = 0;
  readonly #answers = new Map<string, KeptAnswer>();
  /** The kept answers' queries by the page url they read. */
  readonly #queriesByUrl = new Map<string, Set<string>>();
  readonly #reading = new Map<string, PendingRead>();
  /** The characters held by `#answers` and `#queriesByUrl`. */
  #chars = 0;
  /** Bumped by every counted share, so an answer read before it is neither kept nor shared. */
  #generation = 0;

  /** @param read reads the answer to a query when none is kept or being read. */
  constructor(read: (query: string) => Promise<ReadAnswer>) {
    this.#read = read;
  }

  /** The kept answer to `query`, if one is still fresh. */
  kept(query: string): string | undefined {
    if (this.ttlMs <= 0) return undefined;
    const kept = this.#answers.get(query);
    if (kept === undefined) return undefined;
    if (Date.now() < kept.expires) return kept.text;
    this.#answers.delete(query);
    return undefined;
  }

  /**
   * The answer to `query`, read now, or by a read of the same query already in progress when no
   * share counted since it began; kept for `ttlMs` unless a share counted while it was read.
   */
  async read(query: string): Promise<string> {
    const generation = this.#generation;
    const running = this.#reading.get(query);
    if (running !== undefined && running.generation === generation) return running.text;
    const ttl = this.ttlMs;
    const reading: PendingRead = {
      generation,
      text: this.#read(query).then(({ text, urls }) => {
        if (ttl > 0 && generation === this.#generation) this.#keep(query, urls, text, ttl);
        return text;
      }),
    };
    this.#reading.set(query, reading);
    try {
      return await reading.text;
    } finally {
      if (this.#reading.get(query) === reading) this.#reading.delete(query);
    }
  }

  /** A share of `url` just counted: drops the answers that read it, and stops reads in progress from being kept. */
  shareCounted(url: string): void {
    this.#generation++;
    const queries = this.#queriesByUrl.get(url);
    if (queries === undefined) return;
    this.#queriesByUrl.delete(url);
    for (const query of queries) this.#answers.delete(query);
  }

  #keep(query: string, urls: readonly string[], text: string, ttl: number): void {
    if (this.#answers.size >= MAX_KEPT_ANSWERS || this.#chars >= MAX_KEPT_CHARS) {
      this.#answers.clear();
      this.#queriesByUrl.clear();
      this.#chars = 0;
    }
    // An answer kept again replaces the old one; its characters are counted twice until the next
    // clear, which only makes that clear come sooner.
    this.#answers.set(query, { text, expires: Date.now() + ttl });
    this.#chars += query.length + text.length;
    for (const url of urls) {
      const queries = this.#queriesByUrl.get(url);
      if (queries === undefined) {
        this.#queriesByUrl.set(url, new Set([query]));
        this.#chars += url.length;
      } else {
        queries.add(query);
      }
    }
  }
}
