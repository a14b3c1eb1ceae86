import { open, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { HttpError, type RawResponse } from './http.js';

/**
 * The policy static pages are served with: everything from this origin only, no plugins, and
 * framed only by pages of this origin (`X-Frame-Options` says the same to older browsers).
 * It is the strict policy of docs/embedding.md#content-security-policy, plus `data:` images.
 */
export const STATIC_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/** Database files (SQLite's and its journals), never served whatever store they belong to. */
const DATABASE_FILE = /\.(db|db3|sqlite|sqlite3)(-wal|-shm|-journal)?$|-(wal|shm|journal)$/i;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * Serves files below one folder, and nothing outside it: no dotfiles (`.env`, `.git`), no database
 * files, none of the store's own files (docs/count-service.md#options).
 */
export class StaticFiles {
  readonly #root: string;
  #realRoot: Promise<string> | undefined;
  /** The real paths of the store's files, once known. */
  readonly #storeFiles: Promise<ReadonlySet<string>>;

  /**
   * @param root the folder to serve; `/` answers with its `index.html`.
   * @param storeFiles the files the store keeps its data in, which are never served.
   */
  constructor(root: string, storeFiles: Promise<readonly string[]> = Promise.resolve([])) {
    this.#root = resolve(root);
    this.#storeFiles = storeFiles.then(
      async (files) => new Set(await Promise.all(files.map(realFilePath))),
      () => new Set(),
    );
  }

  /** The file for `pathname` (still percent-encoded), or throws an HttpError (400/403/404). */
  async serve(pathname: string, method: string): Promise<RawResponse> {
    const segments: string[] = [];
    for (const raw of pathname.split('/')) {
      let segment: string;
      try {
        segment = decodeURIComponent(raw);
      } catch {
        throw new HttpError(400, 'bad path');
      }
      // Encoded separators and NUL would let a segment smuggle a path the checks below never saw.
      if (/[/\\\0]/.test(segment)) throw new HttpError(400, 'bad path');
      if (segment === '..') throw new HttpError(403, 'forbidden');
      if (segment === '' || segment === '.') continue;
      // Dotfiles (.env, .git) are never part of a site.
      if (segment.startsWith('.')) throw new HttpError(404, 'not found');
      segments.push(segment);
    }
    let file = resolve(this.#root, ...segments);
    if (file !== this.#root && !file.startsWith(this.#root + sep)) throw new HttpError(403, 'forbidden');
    const info = await stat(file).catch(() => undefined);
    if (!info) throw new HttpError(404, 'not found');
    if (info.isDirectory()) {
      if (!pathname.endsWith('/')) {
        // Built from the segments, never from the raw path: `//evil.com` must not redirect off this host.
        const location = `/${segments.map(encodeURIComponent).join('/')}/`.replace(/^\/\/$/, '/');
        return { status: 301, headers: { location }, body: null };
      }
      file = join(file, 'index.html');
    }
    // A symlink inside the folder must not lead outside it.
    const real = await realpath(file).catch(() => undefined);
    this.#realRoot ??= realpath(this.#root);
    const realRoot = await this.#realRoot.catch(() => this.#root);
    if (!real) throw new HttpError(404, 'not found');
    if (!real.startsWith(realRoot + sep)) throw new HttpError(403, 'forbidden');
    if (DATABASE_FILE.test(basename(real)) || (await this.#storeFiles).has(real)) throw new HttpError(404, 'not found');
    // Streamed from an open handle, so memory stays flat however large the file, and its length
    // is the length of what is sent even if the file is replaced meanwhile.
    const handle = await open(real, 'r').catch(() => undefined);
    if (!handle) throw new HttpError(404, 'not found');
    let size: number;
    try {
      const opened = await handle.stat();
      if (!opened.isFile()) throw new HttpError(404, 'not found');
      size = opened.size;
    } catch (error) {
      await handle.close();
      throw error;
    }
    const headers = {
      'content-type': TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
      'content-length': String(size),
      'cache-control': 'no-cache',
      'content-security-policy': STATIC_CONTENT_SECURITY_POLICY,
      'x-frame-options': 'SAMEORIGIN',
      'x-content-type-options': 'nosniff',
    };
    if (method === 'HEAD' || size === 0) {
      await handle.close();
      return { status: 200, headers, body: method === 'HEAD' ? null : new Uint8Array() };
    }
    const stream = handle.createReadStream({ end: size - 1 });
    return { status: 200, headers, body: Readable.toWeb(stream) as ReadableStream<Uint8Array> };
  }
}

/** The real path of a file that may not exist yet: its folder's real path and its name. */
async function realFilePath(file: string): Promise<string> {
  const folder = await realpath(dirname(file)).catch(() => dirname(file));
  return join(folder, basename(file));
}
