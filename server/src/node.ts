import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConnectionCap, connectionCap, openFileLimit } from './connections.js';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  answerRaw,
  HttpError,
  isServicePath,
  MAX_BODY_BYTES,
  type RawHandler,
  type RawRequest,
  type RawResponse,
} from './http.js';
import type { CountService } from './service.js';
import { fromWebResponse } from './web.js';

/** Options of `toNodeHandler`. */
export interface NodeHandlerOptions {
  /** While this returns true, answers carry `Connection: close` so keep-alive sockets wind down. */
  draining?: () => boolean;
}

/** Answers one node:http request in the raw form of http.ts. */
type NodeAnswer = (req: IncomingMessage) => Promise<RawResponse>;

/** Adapts the web-standard service to a `node:http` request listener. */
export function toNodeHandler(
  service: CountService,
  options: NodeHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  // A service made by createCountService is answered without fetch objects (a third of the cost
  // of a cached GET); any other CountService through its web-standard `handle`.
  const raw = (service as { [answerRaw]?: RawHandler })[answerRaw]?.bind(service);
  const answer: NodeAnswer = raw ? (req) => raw(toRawRequest(req)) : (req) => answerViaFetch(service, req);
  return (req, res) => {
    respond(answer, req, res, options).catch(() => {
      // The service never rejects; this only catches a socket that went away mid-write.
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  };
}

/** Writes the answer to `req`: the one place that decides on `Connection: close` and `Content-Length`. */
async function respond(
  answer: NodeAnswer,
  req: IncomingMessage,
  res: ServerResponse,
  options: NodeHandlerOptions,
): Promise<void> {
  const response = await answer(req);
  const headers = response.headers;
  // An upload answered unread (a 429) is read and dropped first, so the client keeps its
  // connection; a large one (a 413), or a shutdown in progress, closes it instead.
  if (options.draining?.() || (carriesBody(req.method) && !req.complete && !(await bodyDiscarded(req)))) {
    headers.connection = 'close';
  }
  const body = response.body;
  if (body === null || req.method === 'HEAD') {
    res.writeHead(response.status, headers).end();
    return;
  }
  if (body instanceof ReadableStream) {
    res.writeHead(response.status, headers);
    // A reader who hangs up mid-file rejects this, which destroys the socket and closes the file.
    await pipeline(Readable.fromWeb(body), res);
    return;
  }
  headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
  res.writeHead(response.status, headers).end(body);
}

/** Whether a request of `method` may carry a body. */
function carriesBody(method = 'GET'): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

/** Reads and drops the rest of an upload of at most MAX_BODY_BYTES; false for a larger or broken one. */
function bodyDiscarded(req: IncomingMessage): Promise<boolean> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return Promise.resolve(false);
  return new Promise((resolve) => {
    let size = 0;
    const finish = (discarded: boolean) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onGone);
      req.off('close', onGone);
      resolve(discarded);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) finish(false);
    };
    const onEnd = () => finish(true);
    const onGone = () => finish(false);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onGone);
    req.once('close', onGone);
    req.resume();
  });
}

/** A node:http request in the raw form the service reads. */
function toRawRequest(req: IncomingMessage): RawRequest {
  const [path, query] = splitTarget(req.url ?? '/');
  return {
    method: req.method ?? 'GET',
    path,
    query,
    header: (name) => headerOf(req.rawHeaders, name),
    body: () => readBody(req),
    address: req.socket.remoteAddress,
  };
}

/**
 * Path and query of a request target. The service's own routes are taken as they come; anything else goes
 * through the URL parser, which resolves dot segments, backslashes and absolute-form targets.
 */
function splitTarget(target: string): [string, string] {
  const hash = target.indexOf('#');
  const clean = hash === -1 ? target : target.slice(0, hash);
  const mark = clean.indexOf('?');
  const path = mark === -1 ? clean : clean.slice(0, mark);
  if (isServicePath(path)) return [path, mark === -1 ? '' : clean.slice(mark + 1)];
  // Only the path and query matter; the Host header is client-controlled and may not parse.
  const url = new URL(`http://localhost${pathOf(target)}`);
  return [url.pathname, url.search.slice(1)];
}

/** A request header by lower-case name, repeated ones joined with `, ` (as fetch's `Headers` does). */
function headerOf(rawHeaders: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const key = rawHeaders[i]!;
    if (key.length === name.length && key.toLowerCase() === name) {
      value = value === undefined ? rawHeaders[i + 1]! : `${value}, ${rawHeaders[i + 1]!}`;
    }
  }
  return value;
}

/** The upload, at most MAX_BODY_BYTES; the rest of a larger one is discarded, not the socket. */
function readBody(req: IncomingMessage): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.reject(new HttpError(413, 'body too large'));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        done();
        req.resume();
        reject(new HttpError(413, 'body too large'));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    // A client that goes away mid-upload is a bad request, not a server error.
    const onError = () => {
      done();
      reject(new HttpError(400, 'body could not be read'));
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('close', onError);
  });
}

/** A foreign `CountService`: through fetch's `Request` and `Response`. */
async function answerViaFetch(service: CountService, req: IncomingMessage): Promise<RawResponse> {
  const method = req.method ?? 'GET';
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    try {
      headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    } catch {
      // A header the fetch API refuses is one the service never needs.
    }
  }
  const url = new URL(`http://localhost${pathOf(req.url ?? '/')}`);
  const init: RequestInit & { duplex?: 'half' } = { method, headers };
  if (carriesBody(method)) {
    init.body = bodyStream(req);
    init.duplex = 'half';
  }
  return fromWebResponse(await service.handle(new Request(url, init), { address: req.socket.remoteAddress }));
}

function pathOf(target: string): string {
  if (target.startsWith('/')) return target;
  try {
    // Absolute-form (`GET http://host/path`), as sent to proxies.
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}

function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      req.on('data', (chunk: Buffer) => {
        if (cancelled) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) req.pause();
      });
      req.once('end', () => !cancelled && controller.close());
      req.once('error', (error) => !cancelled && controller.error(error));
    },
    pull() {
      req.resume();
    },
    cancel() {
      // Discard the rest instead of destroying the socket, so the error answer still goes out.
      cancelled = true;
      req.resume();
    },
  });
}

/** Options of `serve`. */
export interface ServeOptions {
  /** TCP port; 0 picks a free one. Default 8787. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** How long `close()` waits for in-flight requests before cutting connections, in ms. */
  drainTimeoutMs?: number;
  /** The most connections held at once; default 64 below the process's limit on open files. */
  maxConnections?: number;
}

/** A listening service. */
export interface RunningServer {
  /** The underlying `node:http` server. */
  readonly server: Server;
  /** The base address, e.g. `http://127.0.0.1:8787`. */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish, then closes the store. */
  close(): Promise<void>;
}

/** Listens on `host:port` with the service behind a `node:http` server. */
export async function serve(service: CountService, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  let draining = false;
  const handler = toNodeHandler(service, { draining: () => draining });
  // Slow clients lose their connection soon: headers within 5 s, the whole request within 10 s
  // (a POST body is at most 4 KiB), checked every second; keep-alive connections idle 5 s.
  const server = createServer(
    { requestTimeout: 10_000, headersTimeout: 5_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1000 },
    (req, res) => {
      cap.active(req.socket);
      handler(req, res);
    },
  );
  const cap = new ConnectionCap(server, options.maxConnections ?? connectionCap(openFileLimit()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    server,
    url,
    port,
    close() {
      closing ??= (async () => {
        draining = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const force = setTimeout(() => server.closeAllConnections(), options.drainTimeoutMs ?? 10_000);
        force.unref();
        await closed;
        clearTimeout(force);
        await service.close();
      })();
      return closing;
    },
  };
}
