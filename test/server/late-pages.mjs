// Pages whose share-bar script arrives late, as on a slow network, for the layout-shift tests:
//
//   /late/share-bar.bundle.js?ms=<n>      the built bundle, answered after n ms (at most 5000); each
//                                         page asks with a query of its own, so no cache answers
//   /late/page.html?bar=<attributes>&fallback=1&sheet=1
//                                         test/fixtures/late.html with the bar's attributes, the
//                                         no-JS fallback links inside it (fallback=1) and the
//                                         documented anti-shift stylesheet linked (sheet=1)
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

let pages = 0;
const root = new URL('../../', import.meta.url);
const read = (path) => readFile(fileURLToPath(new URL(path, root)), 'utf8');

const FALLBACK = `<ul>
  <li><a href="https://x.com/intent/tweet?url=https%3A%2F%2Fblog.example%2Ffish">Post on X</a></li>
  <li><a href="https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fblog.example%2Ffish">Share on Facebook</a></li>
  <li><a href="https://www.linkedin.com/sharing/share-offsite/?url=https%3A%2F%2Fblog.example%2Ffish">Share on LinkedIn</a></li>
  <li><a href="https://pinterest.com/pin/create/button/?url=https%3A%2F%2Fblog.example%2Ffish">Pin on Pinterest</a></li>
</ul>`;

/** Koa middleware answering /late/…; everything else goes on to the next one. */
export async function latePages(ctx, next) {
  if (ctx.path == '/late/share-bar.bundle.js') {
    const ms = Number(ctx.query.ms ?? 0);
    if (!(ms >= 0 && ms <= 5000)) return void (ctx.status = 400);
    await sleep(ms);
    ctx.type = 'js';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await read('dist/share-bar.bundle.js');
    return;
  }
  if (ctx.path == '/late/page.html') {
    const bar = String(ctx.query.bar ?? '');
    if (/[<>]/.test(bar)) return void (ctx.status = 400);
    const html = await read('test/fixtures/late.html');
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = html
      .replace('{{page}}', String(++pages))
      .replace(
        '{{sheet}}',
        ctx.query.sheet == '1' ? '<link rel="stylesheet" href="/dist/share-bar-placeholder.css" />' : '',
      )
      .replace('{{bar}}', `<share-bar ${bar}>${ctx.query.fallback == '1' ? FALLBACK : ''}</share-bar>`);
    return;
  }
  return next();
}
