// Issue #14 item 13: forms keep what the user typed after a validation
// error (whatever template drew them), every page POST that succeeds
// redirects (a refresh does not send it again), and the page it leads to
// confirms what happened in an NHS.UK notification banner.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from './harness.mjs';

let srv, gp, fd;
before(async () => {
  srv = await startServer();
  gp = await srv.login('dr.rivers');
  fd = await srv.login('fd.ali');
});
after(async () => { await srv.stop(); srv.cleanup(); });

const form = (who, url, fields) => fetch(srv.base + url, { method: 'POST', redirect: 'manual', headers: { Cookie: who.cookie,
  Origin: srv.base, 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ csrf_token: who.csrf, ...fields }).toString() });
const page = async (who, url) => (await fetch(srv.base + url, { headers: { Cookie: who.cookie } })).text();
const count = (t) => Number(sql(srv.db, `SELECT count(*) FROM ${t}`));

async function person() {
  const r = await srv.api('POST', '/api/v1/persons', { token: srv.token('sw.jones'), body: { family_name: 'Typed',
    given_name: 'Tess', date_of_birth: '1944-02-03', sex: 'female', postcode: 'LE11 3AB', nhs_number: '9434765919' } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

test('a refused referral keeps every choice; a sent one redirects to its confirmation', async () => {
  await person();
  const fields = { nhs_number: '943 476 5919', source: '111', urgency: 'crisis', reason: 'Found on the floor',
                   referrer_name: 'NHS 111 clinician' };   // no consent chosen
  const before = count('referrals');
  let r = await form(gp, '/referrals', fields);
  assert.equal(r.status, 422);
  const html = await r.text();
  assert.match(html, /<option value="111" selected>/, 'the source select keeps NHS 111');
  assert.match(html, /value="crisis" checked/, 'the urgency radio keeps crisis');
  assert.match(html, /Found on the floor<\/textarea>/);
  assert.match(html, /value="NHS 111 clinician"/);
  assert.equal(count('referrals'), before, 'nothing stored');

  r = await form(gp, '/referrals', { ...fields, consent: 'given' });
  assert.equal(r.status, 303, await r.text());
  const sent = r.headers.get('location');
  assert.match(sent, /^\/referrals\/[0-9a-f]+\/sent$/);
  assert.equal(count('referrals'), before + 1);
  // Reloading the confirmation is a GET: nothing is sent again.
  for (let i = 0; i < 2; i++) assert.match(await page(gp, sent), /Referral sent/);
  assert.equal(count('referrals'), before + 1);
  // The confirmation is the referrer's own.
  assert.equal((await fetch(srv.base + sent, { headers: { Cookie: fd.cookie } })).status, 404);
});

test('after triage the next page confirms it in a notification banner, once', async () => {
  const id = sql(srv.db, "SELECT id FROM referrals ORDER BY created_at DESC LIMIT 1");
  const r = await form(fd, `/referrals/${id}/triage`, { route: 'reablement' });
  assert.equal(r.status, 303, await r.text());
  const next = r.headers.get('location');
  assert.doesNotMatch(next, /\?/, 'the address is unchanged');
  const notice = r.headers.getSetCookie().find((c) => c.startsWith('seamless_notice='));
  assert.match(notice ?? '', /^seamless_notice=referral-triaged; Path=\/; HttpOnly; SameSite=Lax; Max-Age=120$/);
  const cookie = `${fd.cookie}; ${notice.split(';')[0]}`;
  const shown = await fetch(srv.base + next, { headers: { Cookie: cookie } });
  assert.match(await shown.text(), /nhsuk-notification-banner--success[\s\S]*Referral triaged/);
  assert.ok(shown.headers.getSetCookie().some((c) => /^seamless_notice=; .*Max-Age=0/.test(c)), 'shown once, then cleared');
  // Without it (a refresh after the clear) no banner; only the table's words are ever shown.
  assert.doesNotMatch(await page(fd, next), /notification-banner/);
  const forged = await fetch(srv.base + next, { headers: { Cookie: `${fd.cookie}; seamless_notice=Call+0800+000+000` } });
  assert.doesNotMatch(await forged.text(), /notification-banner|0800/);
});
