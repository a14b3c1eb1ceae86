// Small helpers shared by the bench sections: processes, servers, statistics, tables.
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const median = (values) => {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

export const gzip = (buf) => gzipSync(buf, { level: 9 }).length;
export const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

export function tmp(prefix = 'share-bar-bench-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Spawns `node args…` and resolves once stdout matches `ready` (bounded by `timeoutMs`). */
export function startProcess(args, { ready, timeoutMs = 15_000, env = {}, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')}: not ready in ${timeoutMs} ms\n${out}${err}`));
    }, timeoutMs);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m, stop: () => stopChild(child) });
      }
    });
    child.stderr.on('data', (d) => (err += d));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited ${code}\n${out}${err}`));
    });
  });
}

export function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the count service (server/dist/cli.js) and resolves with its base URL. */
export async function startService(root, store, extra = []) {
  const { child, match, stop } = await startProcess(
    [join(root, 'server/dist/cli.js'), '--port', '0', '--store', store, '--rate-limit', '0', ...extra],
    { ready: /listening on (http:\/\/\S+)/ },
  );
  return { child, url: match[1].replace(/\/$/, ''), stop };
}

/** Starts a private redis-server on a free loopback port; resolves {url, stop} or null when none is installed. */
export async function startRedis() {
  const bin = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));
  if (!bin) return null;
  const port = await freePort();
  const t = tmp('share-bar-redis-');
  const pidfile = join(t.dir, 'redis.pid');
  execFileSync(bin, [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
    '--pidfile',
    pidfile,
    '--dir',
    t.dir,
  ]);
  for (let i = 0; i < 50 && !existsSync(pidfile); i++) await sleep(100);
  const pid = Number(readFileSync(pidfile, 'utf8'));
  let version = '';
  try {
    version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).match(/v=(\S+)/)?.[1] ?? '';
  } catch {}
  return {
    url: `redis://127.0.0.1:${port}/0`,
    version,
    stop: async () => {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {}
      for (let i = 0; i < 50; i++) {
        try {
          process.kill(pid, 0);
          await sleep(100);
        } catch {
          break;
        }
      }
      t.remove();
    },
  };
}

export const fmt = {
  int: (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—'),
  ms: (n) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : Math.round(n).toString()) : '—'),
  ratio: (n) => (Number.isFinite(n) ? n.toFixed(2) + '×' : '—'),
  pct: (n) => (Number.isFinite(n) ? Math.round(n * 100) + ' %' : '—'),
  kb: (n) => (Number.isFinite(n) ? (n / 1000).toFixed(1) + ' KB' : '—'),
};

export function table(head, rows) {
  const line = (cells) => '| ' + cells.map((c) => String(c ?? '')).join(' | ') + ' |';
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Runs `fn` with a bound in time: rejects after `ms`. */
export function bounded(promise, ms, what) {
  let t;
  return Promise.race([
    promise.finally(() => clearTimeout(t)),
    new Promise((_, reject) => (t = setTimeout(() => reject(new Error(`${what}: over ${ms} ms`)), ms))),
  ]);
}
