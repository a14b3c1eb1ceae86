import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { after, before } from 'node:test';
import { createCountService, serve, type CountServiceOptions, type Share } from 'share-bar-server';

/** The built CLI, next to the compiled tests' parent folder. */
export const CLI = fileURLToPath(new URL('../cli.js', import.meta.url));

/** A fresh temp folder, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'share-bar-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Starts the service in this process on an ephemeral loopback port. */
export async function startService(options: CountServiceOptions) {
  const service = createCountService({ log: () => {}, ...options });
  const running = await serve(service, { port: 0, host: '127.0.0.1' });
  return { base: running.url, service, close: () => running.close() };
}

/** Options of `postShare`. */
export interface PostOptions {
  from?: string;
  userAgent?: string;
  contentType?: string;
  origin?: string;
}

/**
 * One request over node:http, answered as a fetch `Response`. Unlike fetch, node:http has no
 * connect timeout, so hundreds of concurrent requests on a loaded CI machine queue instead of failing.
 */
export function httpRequest(
  url: string,
  method: string,
  headers: Record<string, string | number>,
  body?: string | Buffer,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) out.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const status = res.statusCode!;
        resolve(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: out }));
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs one share the way sendBeacon does. */
export function postShare(base: string, body: unknown, options: PostOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'text/plain;charset=UTF-8',
    'user-agent': options.userAgent ?? 'test-agent',
  };
  if (options.from) headers['x-forwarded-for'] = options.from;
  if (options.origin !== undefined) headers.origin = options.origin;
  return httpRequest(`${base}/counts`, 'POST', headers, typeof body === 'string' ? body : JSON.stringify(body));
}

/** GETs counts and returns status and parsed body. */
export async function getCounts(
  base: string,
  query: string,
): Promise<{ status: number; body: unknown; res: Response }> {
  const res = await fetch(`${base}/counts?${query}`);
  return { status: res.status, body: await res.json(), res };
}

/** The CLI as a child process. */
export interface Cli {
  child: ChildProcess;
  base: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

/**
 * Spawns the real CLI (`cli`, by default the one built here) with `--port 0` and waits for its
 * "listening on" line; `wrapper` is a command that runs node (`['prlimit', '--nofile=256:256']`).
 */
export function spawnCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  cli = CLI,
  wrapper: readonly string[] = [],
): Promise<Cli> {
  const command = [...wrapper, process.execPath, cli, '--port', '0', ...args];
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${stderr}`)), 10_000);
    lines.on('line', (line) => {
      const match = /listening on (http:\/\/\S+)/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ child, base: match[1]!, exited, stderr: () => stderr });
      }
    });
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code} before listening: ${stderr}`));
    });
  });
}

/** A free loopback port (closed again before it is returned). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A redis-server of our own, daemonized on loopback, stopped by its pid. */
export interface TestRedis {
  url: string;
  port: number;
  /** Starts (again) on the same port and folder. */
  start(): Promise<void>;
  /** Sends `signal` to the server; SIGKILL and SIGTERM wait until it is gone. */
  signal(signal: NodeJS.Signals): Promise<void>;
}

/** Prepares a redis-server in `dir`; `extra` adds arguments such as `--appendonly yes`. */
export async function testRedis(dir: string, extra: readonly string[] = []): Promise<TestRedis> {
  const { execFile } = await import('node:child_process');
  const { readFile } = await import('node:fs/promises');
  const { connect } = await import('node:net');
  const port = await freePort();
  const pidfile = join(dir, `redis-${port}.pid`);
  let pid = 0;
  const ping = () =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => (socket.destroy(), resolve(data.toString().startsWith('+PONG'))));
    });
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const redis: TestRedis = {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    async start() {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--daemonize', 'yes'];
      args.push('--pidfile', pidfile, '--dir', dir, '--logfile', join(dir, `redis-${port}.log`), ...extra);
      await new Promise<void>((resolve, reject) =>
        execFile('redis-server', args, (error) => (error ? reject(error) : resolve())),
      );
      for (let i = 0; i < 100 && !(await ping()); i++) await new Promise((r) => setTimeout(r, 50));
      pid = Number(await readFile(pidfile, 'utf8'));
    },
    async signal(signal) {
      process.kill(pid, signal);
      if (signal !== 'SIGKILL' && signal !== 'SIGTERM') return;
      for (let i = 0; i < 200 && alive(); i++) await new Promise((r) => setTimeout(r, 25));
    },
  };
  await redis.start();
  return redis;
}

/** One share by a new visitor (a random visitor key) on `day`, for writing history through a store. */
export function visitorShare(url: string, network: string, day: string, title?: string): Share {
  return {
    url,
    network,
    day,
    visitorKeys: [randomBytes(32).toString('base64url')],
    dedupeSeconds: 86400,
    ...(title === undefined ? {} : { title }),
  };
}

/** Empties the Redis database at `url`, so a test starts from no keys. */
export async function flushRedis(url: string): Promise<void> {
  const { createClient } = await import('@redis/client');
  const client = createClient({ url });
  await client.connect();
  await client.flushDb();
  await client.close();
}

/** A temp folder and a redis-server in it, for the tests of the `describe` this is called in. */
export function redisFixture(): { readonly dir: string; readonly redis: TestRedis } {
  const fixture = {} as { dir: string; redis: TestRedis; cleanup: () => Promise<void> };
  before(async () => {
    ({ dir: fixture.dir, cleanup: fixture.cleanup } = await tempDir());
    fixture.redis = await testRedis(fixture.dir);
  });
  after(async () => {
    await fixture.redis?.signal('SIGKILL').catch(() => {});
    await fixture.cleanup?.();
  });
  return fixture;
}
