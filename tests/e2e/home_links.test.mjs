// Issue #14 item 14: each role's home page links its work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './harness.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); srv.cleanup(); });

async function home(user) {
  const login = await srv.login(user);
  const html = await (await fetch(srv.base + '/', { headers: { Cookie: login.cookie } })).text();
  return html.slice(html.indexOf('id="your-work"'), html.indexOf('What you can do'));
}

test('home pages link each role\'s work', async () => {
  const jfp = sql(srv.db, "SELECT id FROM teams WHERE code = 'JFP'");
  const expect = {
    board: ['/chc/report', '/pooled-funds'],
    panel: [`/panels/${jfp}/agenda`],
    finance: ['/recharge-statements', '/pooled-funds', '/reports/cld'],
    admin: ['/reports/cld'],
    'tm.khan': ['/teams/', '/chc/report'],
    'rn.patel': ['/oversight-reviews?state=overdue', '/competencies'],
    'chc.lead': ['/chc', '/chc/reviews'],
    privacy: ['/privacy/break-glass'],
  };
  for (const [user, links] of Object.entries(expect)) {
    const work = await home(user);
    for (const l of links) assert.ok(work.includes(`href="${l}`), `${user} home links ${l}`);
  }
  assert.doesNotMatch(await home('sw.jones'), /recharge-statements|oversight-reviews|panels\//);
});
