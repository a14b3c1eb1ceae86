// Pages for the browser tests that load share-bar the way a site does, served by the test
// runner's own server with real response headers (a srcdoc iframe would inherit the test page's
// policy instead of having its own).
//
//   /host/<fixture>.html?key=<k>[&policy=duplicates]  test/fixtures/<fixture>.html with a
//                                                      Content-Security-Policy header (default strict)
//                                                      and every {{key}} replaced by <k>, so each run
//                                                      gets count endpoints of its own
//   /host/share-bar.bundle.js?version=<v>             the built bundle claiming another version, to
//                                                     put two different versions on one page
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The policy of the SPEC, as a strict site sends it. */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; " +
  "require-trusted-types-for 'script'; trusted-types lit-html";

const policies = {
  strict: STRICT_CSP,
  // What a page needs when it holds more than one copy of Lit (each creates the policy lit-html).
  duplicates: STRICT_CSP + " 'allow-duplicates'",
};

const root = new URL('../../', import.meta.url);

/** Koa middleware answering /host/…; everything else goes on to the next one. */
export async function hostPages(ctx, next) {
  const page = /^\/host\/([\w-]+\.html)$/.exec(ctx.path);
  if (page) {
    const policy = policies[ctx.query.policy ?? 'strict'];
    const key = String(ctx.query.key ?? 'none');
    if (!policy || !/^[\w-]+$/.test(key)) return void (ctx.status = 400);
    ctx.type = 'html';
    ctx.set('Content-Security-Policy', policy);
    ctx.set('Cache-Control', 'no-store');
    const html = await readFile(fileURLToPath(new URL('test/fixtures/' + page[1], root)), 'utf8');
    ctx.body = html.replaceAll('{{key}}', key);
    return;
  }
  if (ctx.path == '/host/share-bar.bundle.js') {
    const version = String(ctx.query.version ?? '');
    if (!/^[\w.-]+$/.test(version)) return void (ctx.status = 400);
    const bundle = await readFile(fileURLToPath(new URL('dist/share-bar.bundle.js', root)), 'utf8');
    const changed = bundle.replace(/\.version="[^"]*"/, `.version="${version}"`);
    if (changed == bundle) throw new Error('no version found in dist/share-bar.bundle.js');
    ctx.type = 'js';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = changed;
    return;
  }
  return next();
}
