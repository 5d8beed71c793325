// Issue #14 item 10: every page about one person says whose it is — the
// NHS.UK patient banner (name, NHS number 3-3-4, date of birth and age,
// alerts) at the top of the page, on Care Act, CHC, plan and referral
// pages alike.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day, TODAY } from './harness.mjs';

let srv, sw, pid, born = '1941-03-15';
before(async () => {
  srv = await startServer();
  const token = srv.token('sw.jones');
  const r = await srv.api('POST', '/api/v1/persons', { token, body: { family_name: 'Bannerman', given_name: 'Beryl',
    date_of_birth: born, sex: 'female', postcode: 'LE11 3AB', nhs_number: '9434765919', alert_safeguarding: true } });
  assert.equal(r.status, 201, r.text);
  pid = r.json.id;
  sw = await srv.login('sw.jones');
});
after(async () => { await srv.stop(); srv.cleanup(); });

const page = async (url) => { const r = await fetch(srv.base + url, { headers: { Cookie: sw.cookie } }); return { status: r.status, text: await r.text() }; };
const age = () => { const [y, m, d] = born.split('-').map(Number); const [ty, tm, td] = TODAY.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0); };

function assertBanner(url, { status, text }) {
  assert.equal(status, 200, `${url}: ${status}`);
  const start = text.indexOf('class="seamless-person-banner"');
  assert.ok(start > 0, `${url} has the person banner`);
  assert.ok(start < text.indexOf('<h1'), `${url}: the banner comes before the page's heading`);
  const banner = text.slice(start, text.indexOf('</section>', start));
  assert.match(banner, /Beryl Bannerman/, url);
  assert.match(banner, /943 476 5919/, url);
  assert.match(banner, new RegExp(`15 March 1941 \\(${age()} years\\)`), url);
  assert.match(banner, /Safeguarding alert/, url);
  assert.equal(text.split('class="seamless-person-banner"').length, 2, `${url}: one banner`);
}

test('Care Act, plan and CHC pages carry the person banner', async () => {
  const token = srv.token('sw.jones');
  const a = await srv.api('POST', `/api/v1/persons/${pid}/care-act/assessments`, { token, body: { kind: 'adult' } });
  assert.equal(a.status, 201, a.text);
  const plan = await srv.api('POST', `/api/v1/persons/${pid}/plans`, { token, body: { needs: 'Washing', outcomes: 'Home',
    start_on: day(-1), review_on: day(90) } });
  assert.equal(plan.status, 201, plan.text);
  for (const url of [`/care-act/${a.json.id}`, `/care-act/${a.json.id}/check`, `/persons/${pid}/plans`,
                     `/plans/${plan.json.id}`, `/persons/${pid}/chc/checklist`])
    assertBanner(url, await page(url));
});
