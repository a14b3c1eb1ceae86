import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCountService, serve, type CountServiceOptions } from 'share-bar-server';

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
}

/** POSTs one share the way sendBeacon does. */
export function postShare(base: string, body: unknown, options: PostOptions = {}): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'text/plain;charset=UTF-8',
    'user-agent': options.userAgent ?? 'test-agent',
  };
  if (options.from) headers['x-forwarded-for'] = options.from;
  return fetch(`${base}/counts`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** GETs counts and returns status and parsed body. */
export async function getCounts(base: string, query: string): Promise<{ status: number; body: unknown; res: Response }> {
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

/** Spawns the real CLI with `--port 0` and waits for its "listening on" line. */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Cli> {
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], {
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
