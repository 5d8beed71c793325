// Issue #14 item 16: the privacy officer finds audit entries by a member of
// staff's username and a person's NHS number — not by internal ids — and
// the viewer shows names and NHS numbers, never ids.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, TODAY } from './harness.mjs';

let srv, privacy, pid;
before(async () => {
  srv = await startServer();
  const sw = srv.token('sw.jones');
  const r = await srv.api('POST', '/api/v1/persons', { token: sw, body: { family_name: 'Audited', given_name: 'Ada',
    date_of_birth: '1950-01-02', sex: 'female', postcode: 'LE11 3AB', nhs_number: '9434765919' } });
  assert.equal(r.status, 201, r.text);
  pid = r.json.id;
  assert.equal((await srv.api('GET', `/api/v1/persons/${pid}`, { token: sw })).status, 200);
  privacy = await srv.login('privacy');
});
after(async () => { await srv.stop(); srv.cleanup(); });

const page = async (q) => { const r = await fetch(srv.base + '/audit?' + new URLSearchParams(q), { headers: { Cookie: privacy.cookie } });
  return { status: r.status, text: await r.text() }; };
const text = (html) => html.replace(/<[^>]+>/g, ' ');

test('by username and NHS number, showing names not ids', async () => {
  const byUser = await page({ username: 'sw.jones' });
  assert.equal(byUser.status, 200, byUser.text);
  assert.match(text(byUser.text), /Sam Jones/);
  assert.match(text(byUser.text), /Ada Audited\s+NHS number 943 476 5919/);
  assert.doesNotMatch(text(byUser.text), /\b(?:[0-9a-f]{24}){1,2}\b/, 'no internal id in the page text');
  const byNhs = await page({ nhs_number: '943-476-5919' });
  assert.equal(byNhs.status, 200);
  const rows = byNhs.text.match(/<tr class="nhsuk-table__row">/g) ?? [];
  assert.ok(rows.length >= 2, 'the create and the read of this person');
  assert.doesNotMatch(byNhs.text, /No entries match/);
  // Someone nobody is: the field is named in words, the typed value kept.
  const none = await page({ username: 'nobody.here', nhs_number: '1234567890' });
  assert.equal(none.status, 422);
  assert.match(none.text, /No user has this username/);
  assert.match(none.text, /Enter a valid NHS number of 10 digits/);
  assert.match(none.text, /value="nobody.here"/);
  // Dates in the NHS.UK date input: day, month and year.
  const [y, m, d] = TODAY.split('-').map(Number);
  const dated = await page({ username: 'sw.jones', 'from-day': d, 'from-month': m, 'from-year': y });
  assert.equal(dated.status, 200, dated.text);
  assert.match(dated.text, new RegExp(`id="from-year" name="from-year" type="text" inputmode="numeric" value="${y}"`));
  assert.match(text(dated.text), /Ada Audited/);
  const notDate = await page({ 'to-day': '31', 'to-month': '2', 'to-year': String(y) });
  assert.equal(notDate.status, 422);
  assert.match(notDate.text, /Enter a real date for To/);
  // The API takes the same filters (and still its ids).
  const api = await srv.api('GET', '/api/v1/audit?nhs_number=9434765919', { token: srv.token('privacy') });
  assert.equal(api.status, 200, api.text);
  assert.ok(api.json.items.length >= 2);
  assert.ok(api.json.items.every((e) => e.person_id === pid));
});
