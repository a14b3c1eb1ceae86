import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the fake answers one network. */
export type Behaviour = 'ok' | 'slow' | 'hang' | 'fail' | 'malformed' | 'limited';

/** The app id and secret the fake Graph API accepts. */
export const FACEBOOK_CREDENTIALS = { FACEBOOK_APP_ID: 'test-app', FACEBOOK_APP_SECRET: 'test-secret' };

/** The network whose endpoint `path` is, and the query parameter carrying the page url. */
const ROUTES: Record<string, [network: string, param: string]> = {
  '/v25.0/': ['facebook', 'id'],
  '/v1/urls/count.json': ['pinterest', 'url'],
  '/api/v1/search': ['hackernews', 'query'],
  '/share.php': ['vk', 'url'],
  '/1/links/shares.json': ['buffer', 'url'],
  '/social-plugin/metrics': ['line', 'url'],
};

/** An answer in the network's real format (docs/count-service.md#upstream-counts) that breaks it in a plausible way. */
const MALFORMED: Record<string, string> = {
  facebook: '{"og_object":{"engagement":{"count":"lots"}},"id":"x"}',
  pinterest: 'x({"url":"x","count":',
  hackernews: '{"hits":null,"nbHits":0}',
  vk: 'VK.Share.count(1, );',
  buffer: '{"shares":-5}',
  line: '{"share":"4.1k"}',
};

/** One request the fake received. */
export interface Call {
  network: string;
  url: string;
  query: URLSearchParams;
}

/** Every network's count endpoint on one loopback server, counting the requests it gets. */
export interface FakeUpstream {
  /** The base url to give every upstream. */
  readonly base: string;
  /** Env entries pointing every upstream here, plus Facebook's credentials. */
  readonly env: Record<string, string>;
  /** Every request received, oldest first. */
  readonly calls: Call[];
  /** Requests received for `network` (and `url`, if given). */
  count(network: string, url?: string): number;
  /** Sets the count a network reports for a url; for hackernews, the points of a story of that url. */
  set(network: string, url: string, n: number): void;
  /** Sets how a network answers from now on. */
  behave(network: string, behaviour: Behaviour): void;
  /** Forgets counts, calls and behaviours. */
  reset(): void;
  /** How long a `slow` answer takes, in ms. */
  slowMs: number;
  close(): Promise<void>;
}

/** Starts the fake on an ephemeral loopback port. */
export async function startFakeUpstream(): Promise<FakeUpstream> {
  const counts = new Map<string, Map<string, number>>();
  const behaviours = new Map<string, Behaviour>();
  const calls: Call[] = [];
  const sockets = new Set<Socket>();

  const answer = (network: string, url: string, query: URLSearchParams): [number, string] => {
    const n = counts.get(network)?.get(url) ?? 0;
    switch (network) {
      case 'facebook': {
        const token = `${FACEBOOK_CREDENTIALS.FACEBOOK_APP_ID}|${FACEBOOK_CREDENTIALS.FACEBOOK_APP_SECRET}`;
        if (query.get('access_token') !== token || query.get('fields') !== 'og_object{engagement}') {
          return [400, '{"error":{"message":"Invalid OAuth access token","type":"OAuthException","code":190}}'];
        }
        // A url Facebook never scraped: an id, no og_object.
        if (!counts.get(network)?.has(url)) return [200, JSON.stringify({ id: url })];
        return [200, JSON.stringify({ og_object: { engagement: { count: n, social_sentence: '' } }, id: url })];
      }
      case 'pinterest':
        return [200, `${query.get('callback')}(${JSON.stringify({ url, count: n })})`];
      case 'hackernews': {
        // Like Algolia, a full-text match: every story on the same host is a hit.
        const host = new URL(url).host;
        const hits = [...(counts.get(network) ?? [])]
          .filter(([story]) => new URL(story).host === host)
          .map(([story, points], i) => ({ title: `story ${i}`, url: story, points, objectID: String(i) }));
        return [200, JSON.stringify({ hits, nbHits: hits.length, page: 0 })];
      }
      case 'vk':
        return [200, `VK.Share.count(${query.get('index')}, ${n});`];
      case 'buffer':
        return [200, JSON.stringify({ shares: n })];
      default:
        return [200, JSON.stringify({ share: String(n) })];
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const target = new URL(req.url ?? '/', 'http://fake');
    const route = ROUTES[target.pathname];
    if (!route) return void res.writeHead(404).end();
    const [network, param] = route;
    const url = target.searchParams.get(param) ?? '';
    calls.push({ network, url, query: target.searchParams });
    const behaviour = behaviours.get(network) ?? 'ok';
    const send = (status: number, body: string, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
    if (behaviour === 'hang') return;
    if (behaviour === 'fail') return send(500, '{"error":"internal"}');
    if (behaviour === 'limited') return send(429, '{"error":"rate limited"}', { 'retry-after': '120' });
    if (behaviour === 'malformed') return send(200, MALFORMED[network]!);
    const [status, body] = answer(network, url, target.searchParams);
    if (behaviour === 'slow') setTimeout(() => send(status, body), fake.slowMs).unref();
    else send(status, body);
  };

  const server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeUpstream = {
    base,
    env: {
      ...FACEBOOK_CREDENTIALS,
      ...Object.fromEntries(Object.values(ROUTES).map(([n]) => [`SHARE_BAR_UPSTREAM_BASE_${n.toUpperCase()}`, base])),
    },
    calls,
    slowMs: 1000,
    count: (network, url) => calls.filter((c) => c.network === network && (url === undefined || c.url === url)).length,
    set(network, url, n) {
      if (!counts.has(network)) counts.set(network, new Map());
      counts.get(network)!.set(url, n);
    },
    behave: (network, behaviour) => void behaviours.set(network, behaviour),
    reset() {
      counts.clear();
      behaviours.clear();
      calls.length = 0;
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
  return fake;
}
