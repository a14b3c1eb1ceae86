// The server-rendering test page, rendered by test/server/ssr-render.mjs in a Node process of its
// own on every request (needs `npm run build` first, like the bundle tests).
//   /ssr/bar.html[?defer]   a page with one server-rendered bar; `defer` holds its hydration back
//                           (defer-hydration) until the test removes the attribute
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('ssr-render.mjs', import.meta.url));

/** Koa middleware answering /ssr/bar.html; everything else goes on to the next one. */
export async function ssrPages(ctx, next) {
  if (ctx.path != '/ssr/bar.html') return next();
  const args = 'defer' in ctx.query ? [script, '--defer'] : [script];
  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = await new Promise((resolve, reject) =>
    execFile(process.execPath, args, (error, stdout, stderr) => (error ? reject(new Error(stderr)) : resolve(stdout))),
  );
}
