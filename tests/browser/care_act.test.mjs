// Browser: a social worker starts a Care Act needs assessment from the
// person page, fills sections through the task list (a missing answer shows
// in the error summary), leaves and comes back with the answers kept, sees
// the determination on "Check your answers" and completes it; a team
// manager authorises it. Every page passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, sql } from '../e2e/harness.mjs';
import { launch, axe, newPage, signIn } from './browser.mjs';

let srv, browser, pid;
before(async () => {
  srv = await startServer();
  browser = await launch();
  const r = await srv.api('POST', '/api/v1/persons', { token: srv.token('sw.jones'), body: {
    nhs_number: '9434765919', family_name: 'Okafor', given_name: 'Grace', date_of_birth: '1938-07-14',
    sex: 'female', postcode: 'LE11 2AB' } });
  assert.equal(r.status, 201, r.text);
  pid = r.json.id;
});
after(async () => { await browser?.close(); await srv?.stop(); srv?.cleanup(); });

const OUTCOMES = ['Managing and maintaining nutrition', 'Maintaining personal hygiene', 'Managing toilet needs',
  'Being appropriately clothed', 'Being able to make use of the home safely', 'Maintaining a habitable home environment',
  'Developing and maintaining family or other personal relationships',
  'Accessing and engaging in work, training, education or volunteering',
  'Making use of necessary facilities or services in the local community',
  'Carrying out any caring responsibilities for a child'];

const status = (page, name) => page.textContent(`#task-${name}-status`);

test('start, fill through the task list, leave and return, check, complete; a manager authorises', async () => {
  const sw = await newPage(browser);
  await signIn(srv, sw, 'sw.jones');
  await sw.goto(`${srv.base}/persons/${pid}`);
  await sw.click('text=Start a Care Act assessment');
  assert.deepEqual(await axe(sw), []);
  await sw.click('form[action$="/care-act"] button[type=submit]');
  assert.match(await sw.textContent('.nhsuk-error-summary'), /kind/i);
  await sw.check('#kind-adult');
  await sw.click('form[action$="/care-act"] button[type=submit]');
  await sw.waitForURL(/\/care-act\/(?:[0-9a-f]{24}){1,2}$/);
  const taskUrl = sw.url();
  assert.deepEqual(await axe(sw), []);
  assert.match(await sw.textContent('main'), /completed 0 of 13 sections/);

  await sw.click('text=Impairment or illness');
  assert.deepEqual(await axe(sw), []);
  await sw.click('text=Save and continue');
  assert.match(await sw.textContent('.nhsuk-error-summary'), /Select yes or no/);
  await sw.check('#impairment_or_illness-yes');
  await sw.click('text=Save and continue');
  // Save and continue goes on to the first outcome.
  assert.equal(await sw.textContent('h1'), OUTCOMES[0]);
  assert.deepEqual(await axe(sw), []);
  await sw.check('#answer-unable');
  await sw.click('text=Save and continue');
  assert.match(await sw.textContent('.nhsuk-error-summary'), /Select why they are unable/);
  await sw.check('#grounds-without_assistance');
  await sw.click('text=Save and continue');
  assert.equal(await sw.textContent('h1'), OUTCOMES[1]);
  await sw.check('#answer-unable');
  await sw.check('#grounds-pain_distress_anxiety');
  await sw.check('#grounds-significantly_longer');
  await sw.click('text=Save and continue');

  // Leave and come back: the task list shows progress and the answers are kept.
  await sw.goto(srv.base + '/');
  await sw.goto(taskUrl);
  assert.equal((await status(sw, 'condition')).trim(), 'Completed');
  assert.equal((await status(sw, 'hygiene')).trim(), 'Completed');
  assert.equal((await status(sw, 'toilet')).trim(), 'Not started');
  await sw.click(`text=${OUTCOMES[1]}`);
  assert.equal(await sw.isChecked('#answer-unable'), true);
  assert.equal(await sw.isChecked('#grounds-pain_distress_anxiety'), true);
  assert.equal(await sw.isChecked('#grounds-significantly_longer'), true);
  assert.equal(await sw.isChecked('#grounds-without_assistance'), false);
  await sw.goto(taskUrl);

  await sw.click(`text=${OUTCOMES[2]}`);
  for (let i = 2; i < OUTCOMES.length; i++) {
    assert.equal(await sw.textContent('h1'), OUTCOMES[i]);
    await sw.check('#answer-achieves');
    await sw.click('text=Save and continue');
  }
  assert.match(await sw.textContent('h1'), /Impact on wellbeing/);
  assert.deepEqual(await axe(sw), []);
  await sw.check('#significant_impact-yes');
  await sw.click('text=Save and continue');
  assert.match(await sw.textContent('.nhsuk-error-summary'), /areas of wellbeing/);
  await sw.check('#wellbeing-dignity');
  await sw.check('#wellbeing-control');
  await sw.click('text=Save and continue');
  assert.deepEqual(await axe(sw), []);
  await sw.fill('#person_views', 'I want to stay in my own home and keep seeing my sister');
  await sw.click('text=Save and continue');

  // Check your answers: the determination and its reasons before completing.
  await sw.waitForURL(/\/check$/);
  assert.deepEqual(await axe(sw), []);
  assert.match(await sw.textContent('#answers'), /Maintaining personal hygiene\s*Unable to achieve: Able, but it causes significant pain/);
  assert.match(await sw.textContent('#determination'), /Eligible needs/);
  assert.match(await sw.textContent('#determination'), /unable to achieve 2 outcomes/);
  await sw.click('text=Complete assessment');
  assert.match(await sw.textContent('.nhsuk-error-summary'), /agree/i);
  await sw.check('#assessor_agrees-yes');
  await sw.click('text=Complete assessment');
  assert.match(await sw.textContent('h1'), /completed/);
  assert.match(await sw.textContent('#determination'), /Agrees/);
  assert.equal(await sw.locator('text=Authorise assessment').count(), 0, 'the assessor cannot authorise');
  const id = taskUrl.split('/').pop();
  assert.equal(sql(srv.db, `SELECT status || '|' || eligible FROM care_act_assessments WHERE id = '${id}'`), 'completed|1');

  const tm = await newPage(browser);
  await signIn(srv, tm, 'tm.khan');
  await tm.goto(`${srv.base}/persons/${pid}`);
  await tm.click('#care-act-links >> text=Care Act assessments');
  assert.deepEqual(await axe(tm), []);
  assert.match(await tm.textContent('#assessments'), /Completed, to authorise/);
  await tm.click('#assessments >> text=Needs assessment (adult)');
  await tm.click('text=see the answers and the determination');
  await tm.click('text=Authorise assessment');
  assert.match(await tm.textContent('h1'), /authorised/);
  assert.match(await tm.textContent('#determination'), /Priya Khan/);
  assert.equal(sql(srv.db, `SELECT status FROM care_act_assessments WHERE id = '${id}'`), 'authorised');
});
