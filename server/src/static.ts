import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { HttpError, type RawResponse } from './http.js';

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

/** Serves files below one folder, and nothing outside it. */
export class StaticFiles {
  readonly #root: string;
  #realRoot: Promise<string> | undefined;

  /** @param root the folder to serve; `/` answers with its `index.html`. */
  constructor(root: string) {
    this.#root = resolve(root);
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
        return { status: 301, headers: { location: `${pathname}/` }, body: null };
      }
      file = join(file, 'index.html');
    }
    // A symlink inside the folder must not lead outside it.
    const real = await realpath(file).catch(() => undefined);
    this.#realRoot ??= realpath(this.#root);
    const realRoot = await this.#realRoot.catch(() => this.#root);
    if (!real) throw new HttpError(404, 'not found');
    if (!real.startsWith(realRoot + sep)) throw new HttpError(403, 'forbidden');
    const body = await readFile(real).catch(() => undefined);
    if (!body) throw new HttpError(404, 'not found');
    const headers = {
      'content-type': TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
      'content-length': String(body.byteLength),
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    };
    return { status: 200, headers, body: method === 'HEAD' ? null : body };
  }
}
