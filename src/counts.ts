import { cut } from './strings.js';
import { countsRequestUrl, MAX_TITLE_LENGTH, toCounts, type Counts, type ShareRecord } from './protocol.js';

export type { Counts } from './protocol.js';

/** What a count request ends with. */
export type CountsResult = { counts: Counts } | { error: string };

interface Request {
  /** The GET address, once the request went out. */
  href?: string;
  listeners: Set<(result: CountsResult) => void>;
  controller: AbortController;
  result?: CountsResult;
}

/** A count request gives up after this long. */
export const COUNTS_TIMEOUT = 5000;

// One request per (endpoint, url) per page load, shared by every bar that shows that url.
const requests = new Map<string, Request>();
// Networks shown for each (endpoint, url) by the bars on the page, lazy ones included, so the one
// request asks for all of them.
const wanted = new Map<string, Set<string>>();

const keyOf = (endpoint: string, url: string) => endpoint + '\n' + url;

/** Notes that a bar shows these networks for `url`, before it asks (a lazy bar asks later). */
export function wantCounts(endpoint: string, url: string, networks: string[]): void {
  const key = keyOf(endpoint, url);
  wanted.set(key, new Set([...(wanted.get(key) ?? []), ...networks]));
}

/**
 * Asks for the counts of `url`, sharing the request with every other bar asking for the same; it
 * asks for every network noted with wantCounts(). Returns the function that withdraws the
 * interest; the request is aborted when nobody is left waiting.
 */
export function requestCounts(endpoint: string, url: string, listener: (result: CountsResult) => void): () => void {
  const key = keyOf(endpoint, url);
  let request = requests.get(key);
  if (request?.result) {
    const { result } = request;
    queueMicrotask(() => listener(result));
    return () => {};
  }
  if (!request) {
    const created: Request = { listeners: new Set(), controller: new AbortController() };
    requests.set(key, (request = created));
    // Bars connected in the same task join before the request goes out.
    setTimeout(() => void load(created, endpoint, url, [...(wanted.get(key) ?? [])]));
  }
  const current = request;
  current.listeners.add(listener);
  return () => {
    current.listeners.delete(listener);
    if (!current.listeners.size && !current.result) {
      current.controller.abort();
      requests.delete(key);
    }
  };
}

async function load(request: Request, endpoint: string, url: string, networks: string[]): Promise<void> {
  const { controller } = request;
  const { signal } = controller;
  if (signal.aborted) return;
  let result: CountsResult;
  // A timer on the request's own controller rather than AbortSignal.any([…, AbortSignal.timeout()]):
  // WebKit collects such a combined signal while the fetch still waits, and its timeout never fires.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, COUNTS_TIMEOUT);
  try {
    request.href = countsRequestUrl(endpoint, url, networks);
    const response = await fetch(request.href, {
      signal,
      credentials: 'omit',
      headers: { accept: 'application/json' },
      // A redirect could take the page's address to another host: the endpoint must answer itself.
      redirect: 'error',
    });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const body: unknown = await response.json().catch((error: Error) => {
      throw timedOut ? error : new Error('answer is not JSON');
    });
    // A Shariff backend answers null for a url it refuses: no counts, not an error.
    result = { counts: toCounts(body) ?? {} };
  } catch (error) {
    // Withdrawn by every bar that wanted it: nobody is left to tell.
    if (signal.aborted && !timedOut) return;
    const { name, message } = error as Error;
    result = {
      error: timedOut
        ? `no answer in ${COUNTS_TIMEOUT / 1000} s`
        : name == 'TypeError'
          ? 'network error or CORS refusal'
          : message,
    };
  } finally {
    clearTimeout(timer);
  }
  request.result = result;
  request.listeners.forEach((listener) => listener(result));
  request.listeners.clear();
}

const recorded = new Set<string>();

/**
 * Records one share at the count endpoint with a beacon (it outlives the page), once per
 * (endpoint, url, network) per page view, with the page's `title` (cut to `MAX_TITLE_LENGTH` code
 * points) for the service's statistics. The beacon goes to the very address the counts were
 * read from: a POST to it makes the browser drop its cached answer, so the next page load shows
 * the new count instead of one up to a minute old. Returns whether it was sent now.
 */
export function recordShare(endpoint: string, url: string, network: string, title = ''): boolean {
  const key = keyOf(endpoint, url);
  if (recorded.has(key + network)) return false;
  recorded.add(key + network);
  const target = requests.get(key)?.href ?? countsRequestUrl(endpoint, url, [network]);
  // A string body goes out as text/plain;charset=UTF-8: no CORS preflight is needed.
  const record: ShareRecord = { url, network };
  if (title) record.title = cut(title, MAX_TITLE_LENGTH);
  try {
    return navigator.sendBeacon(target, JSON.stringify(record));
  } catch {
    // A counts-url the browser cannot post to (not http(s)) must not stop the share itself.
    return false;
  }
}
