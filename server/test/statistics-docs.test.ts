// The examples of docs/statistics.md, run as written (scripts/check-docs.mjs finds them here).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { SqliteStore } from 'share-bar-server/sqlite-store';
import { httpRequest, startService, tempDir, visitorShare as share } from './helpers.js';

const TOKEN = 'docs-admin-token-0123456789';

/** The `curl` example, verbatim. */
const CURL = `curl -s -H "Authorization: Bearer $SHARE_BAR_ADMIN_TOKEN" "http://127.0.0.1:8787/stats?from=2026-03-01&to=2026-03-31&limit=10"`;

/** The CSV example, verbatim. */
const CSV = `day,url,title,network,shares
2026-03-01,https://example.com/,Home,x,2
2026-03-02,https://example.com/post,"A title, with a comma",linkedin,1
2026-03-04,https://example.com/quiet,'=SUM(1),email,1`;

describe('the examples of docs/statistics.md', () => {
  let base: string;
  let close: () => Promise<void>;
  let cleanup: () => Promise<void>;
  before(async () => {
    let dir: string;
    ({ dir, cleanup } = await tempDir());
    const store = new SqliteStore(join(dir, 'docs.db'));
    for (const one of [
      share('https://example.com/', 'x', '2026-03-01', 'Home'),
      share('https://example.com/', 'x', '2026-03-01', 'Home'),
      share('https://example.com/post', 'linkedin', '2026-03-02', 'A title, with a comma'),
      share('https://example.com/quiet', 'email', '2026-03-04', '=SUM(1)'),
    ]) {
      await store.record(one);
    }
    ({ base, close } = await startService({ store, adminToken: TOKEN }));
  });
  after(async () => {
    await close();
    await cleanup();
  });

  test('the curl command answers the statistics of the range', async () => {
    const command = CURL.replace('http://127.0.0.1:8787', base);
    const { stdout } = await promisify(execFile)('sh', ['-c', command], {
      env: { ...process.env, SHARE_BAR_ADMIN_TOKEN: TOKEN },
    });
    const answer = JSON.parse(stdout) as { from: string; to: string; total: number; days: unknown[] };
    assert.deepEqual([answer.from, answer.to, answer.total, answer.days.length], ['2026-03-01', '2026-03-31', 4, 31]);
  });

  test('the CSV is what /stats.csv sends', async () => {
    const res = await httpRequest(`${base}/stats.csv?from=2026-03-01&to=2026-03-31`, 'GET', {
      authorization: `Bearer ${TOKEN}`,
    });
    assert.equal(await res.text(), CSV.split('\n').join('\r\n') + '\r\n');
  });
});
