// Browser: running a locality MDT meeting — plan it, add a person from the
// case-finding list in one action, take notes, record a decision with
// consensus and one without, open the shared care discussion in one action,
// add an action (a due date before the meeting shows in the error summary),
// and find it in the owner's work list; the meeting page passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql, day } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn, fillDate } from './browser.mjs';

let srv, browser;

before(async () => {
  srv = await startServer();
  browser = await launch();
  const tok = srv.token('sw.jones');
  const gp = sql(srv.db, "SELECT id FROM organisations WHERE code = 'GPN04'");
  for (const [name, ltc] of [['Frail', 6], ['Steady', 1]]) {
    const r = await srv.api('POST', '/api/v1/persons', { token: tok, body: {
      family_name: name, given_name: 'Ada', date_of_birth: '1936-09-09', sex: 'female', gp_practice_id: gp } });
    assert.equal(r.status, 201, r.text);
    const c = await srv.api('PUT', `/api/v1/persons/${r.json.id}/case-finding`, { token: tok,
      body: { ltc_count: ltc, predicted_cost_pence: 1000 } });
    assert.equal(c.status, 200, c.text);
  }
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

test('run a meeting from the case-finding list to decisions, escalation and actions', async () => {
  const page = await newPage(browser);
  await signIn(srv, page, 'sw.jones');
  await page.click('a[href="/meetings"]');
  await page.selectOption('#team_id', { label: 'North locality social work team' });
  await fillDate(page, '#held_on', day(0));   // outcomes only from the meeting's day (issue #14 item 8)
  await page.fill('#starts_at', '10:00');
  await page.fill('#location', 'Loughborough Hub');
  await page.click('main form button[type=submit]');
  await page.waitForURL(/\/meetings\/(?:[0-9a-f]{24}){1,2}$/);
  const meetingUrl = page.url();

  await page.goto(srv.base + '/cohorts');
  await page.waitForURL(/\/cohorts\/NORTH\/ltc5$/);
  assert.match(await page.textContent('main'), /6 long-term conditions/);
  assert.doesNotMatch(await page.textContent('main'), /Steady/);
  assert.deepEqual(await axe(page), []);
  await page.click('button:has-text("Add to agenda")');
  await page.waitForURL(meetingUrl);
  assert.match(await page.textContent('main'), /Ada Frail/);
  assert.match(await page.textContent('main'), /On the agenda because: 6 long-term conditions/);
  assert.deepEqual(await axe(page), []);

  const item = page.locator('section.seamless-agenda-item').first();
  await item.locator('textarea[name=notes]').fill('Two admissions since June.');
  await item.locator('button:has-text("Save notes")').click();
  assert.equal(await page.locator('section.seamless-agenda-item textarea[name=notes]').first().inputValue(),
               'Two admissions since June.');

  await page.locator('section.seamless-agenda-item input[name=text]').first().fill('Refer to community geriatrician');
  await page.locator('section.seamless-agenda-item button:has-text("Record decision")').first().click();
  await page.locator('section.seamless-agenda-item input[name=text]').first().fill('Move to residential care?');
  await page.locator('section.seamless-agenda-item select[name=consensus]').first().selectOption('false');
  await page.locator('section.seamless-agenda-item button:has-text("Record decision")').first().click();
  assert.match(await page.textContent('main'), /Consensus/);
  assert.match(await page.textContent('main'), /No consensus/);

  // An action due before the meeting is refused with the field named.
  const action = page.locator('section.seamless-agenda-item form[action$="/actions"]').first();
  await action.locator('input[name=text]').fill('Ask daughter about support at home');
  await action.locator('select[name=owner]').selectOption({ label: 'Sam Jones' });
  await fillDate(action, 'input[name=due_on]', day(-3));
  await action.locator('button').click();
  assert.match(await page.textContent('.nhsuk-error-summary'), /Due on is before the meeting/);
  const again = page.locator('section.seamless-agenda-item form[action$="/actions"]').first();
  await again.locator('input[name=text]').fill('Ask daughter about support at home');
  await again.locator('select[name=owner]').selectOption({ label: 'Sam Jones' });
  await fillDate(again, 'input[name=due_on]', day(7));
  await again.locator('button').click();
  assert.match(await page.textContent('main'), /Ask daughter about support at home/);

  await page.click('button:has-text("Open shared care discussion")');
  await page.waitForURL(/\/shared-care\/(?:[0-9a-f]{24}){1,2}$/);
  assert.match(await page.textContent('main'), /Move to residential care\?/);
  await page.fill('#decision', 'Four-week trial of night sitting, then review');
  assert.match(await page.textContent('main'), /never sees the question, the decision or who the person is/);
  await page.check('#outcome-support_at_home_increased');
  await page.click('main form button[type=submit]');
  assert.match(await page.textContent('main'), /Decided: Four-week trial/);
  assert.match(await page.textContent('main'), /Outcome reported to the board\s*More support at home/);
  assert.deepEqual(await axe(page), []);

  await page.goto(srv.base + '/my/actions');
  assert.match(await page.textContent('main'), /Ask daughter about support at home/);
  assert.deepEqual(await axe(page), []);
  await page.click('button:has-text("Mark done")');
  await page.waitForURL(srv.base + '/my/actions');
  assert.doesNotMatch(await page.textContent('main'), /Ask daughter/);
});
