// Citus only (scripts/with-citus, make check-citus): the demo county on a
// coordinator and two workers. The person-centred tables are distributed by
// the person key and co-located with persons; a request about one person
// runs on one shard (EXPLAIN: one task); the audit chain verifies; and a
// single-server PostgreSQL database moves onto the cluster by dump, restore
// and `seamless init` (docs/scaling.md, "Moving a single server onto Citus").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, cli, sql, newDatabase, dropDatabase, CITUS, CLOCK_ENV, day } from './harness.mjs';

const skip = CITUS ? false : 'Citus only (scripts/with-citus)';

// The plan of one statement, as text.
const explain = (db, statement) => sql(db, `EXPLAIN ${statement}`);
const taskCount = (plan) => Number(plan.match(/Task Count: (\d+)/)?.[1]);

test('the demo county on Citus: person rows co-located, one shard per person, audit verifies', { skip }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-citus-'));
  const db = newDatabase(dir);
  const demo = cli(['demo', '--db', db, '--persons', '40']);
  assert.equal(demo.status, 0, demo.stderr);
  // Any statement that fans out to more than one shard fails the request
  // (Citus's multi_task_query_log_level), so the person read below proves
  // that every query it runs is a single-shard one.
  const srv = await startServer({ db, dir, env: { ...CLOCK_ENV, PGOPTIONS: '-c citus.multi_task_query_log_level=error' } });
  try {
    // Every person table is hash-distributed by person_id (persons by id),
    // in persons' co-location group.
    const rows = sql(db, `SELECT logicalrelid::text, column_to_column_name(logicalrelid, partkey),
      colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'persons'::regclass)
      FROM pg_dist_partition WHERE partmethod = 'h' ORDER BY 1`).split('\n').map((l) => l.split('|'));
    const byName = Object.fromEntries(rows.map(([t, col, co]) => [t, { col, co }]));
    assert.deepEqual(byName.persons, { col: 'id', co: 't' });
    for (const t of ['caseloads', 'referrals', 'care_plans', 'chc_cases', 'hospital_stays', 'disputes'])
      assert.deepEqual(byName[t], { col: 'person_id', co: 't' }, t);
    assert.equal(sql(db, "SELECT partmethod FROM pg_dist_partition WHERE logicalrelid = 'teams'::regclass"), 'n');
    assert.ok(Number(sql(db, 'SELECT count(*) FROM persons')) >= 40);
    // Rows of persons are on both workers.
    assert.equal(sql(db, `SELECT count(DISTINCT nodeport) FROM pg_dist_shard_placement p
      JOIN pg_dist_shard s USING (shardid) WHERE s.logicalrelid = 'persons'::regclass`), '2');

    // A person read: the record with its caseloads, contacts and identifiers
    // (co-located) and teams and organisations (reference) is one task.
    const [id, username] = sql(db, `SELECT c.person_id, u.username FROM caseloads c
      JOIN user_teams ut ON ut.team_id = c.team_id JOIN users u ON u.id = ut.user_id
      WHERE c.closed_on IS NULL ORDER BY c.person_id, u.username LIMIT 1`).split('|');
    const personRead = explain(db, `SELECT p.id, p.family_name, g.name,
      (SELECT count(*) FROM caseloads c JOIN teams t ON t.id = c.team_id WHERE c.person_id = '${id}') AS teams,
      (SELECT count(*) FROM person_contacts pc WHERE pc.person_id = '${id}') AS contacts,
      EXISTS (SELECT 1 FROM break_glass b WHERE b.person_id = '${id}') AS glass
      FROM persons p LEFT JOIN organisations g ON g.id = p.gp_practice_id WHERE p.id = '${id}'`);
    assert.equal(taskCount(personRead), 1, personRead);
    // A plan read that names its person is one task too.
    const planRead = explain(db, `SELECT cp.*, t.name FROM care_plans cp LEFT JOIN teams t ON t.id = cp.team_id
      WHERE cp.person_id = '${id}' AND cp.id = 'x'`);
    assert.equal(taskCount(planRead), 1, planRead);
    // So are the person key of a record id followed through merges (a
    // primary-key read of persons, store_record_person) and a plan's tasks
    // by the plan id and the key taken from it.
    const keyRead = explain(db, `SELECT merged_into FROM persons WHERE id = '${id}' AND merged_into IS NOT NULL`);
    assert.equal(taskCount(keyRead), 1, keyRead);
    const tasksRead = explain(db, `SELECT pt.id, tt.name, ao.name FROM care_plan_tasks pt
      JOIN care_task_types tt ON tt.code = pt.task_code JOIN organisations ao ON ao.id = pt.accountable_org_id
      WHERE pt.person_id = '${id}' AND pt.plan_id = '${id}0123456789abcdef01234567' ORDER BY pt.created_at, pt.id`);
    assert.equal(taskCount(tasksRead), 1, tasksRead);

    // The real person read over the API (access check, record, audit) by a
    // member of a team holding the person's caseload: every statement a
    // single-shard one, or the request would fail.
    const r = await srv.api('GET', `/api/v1/persons/${id}`, { token: srv.token(username) });
    assert.equal(r.status, 200, r.text + srv.log());
    assert.equal(r.json.id, id);
    // A plan made and read by its own id (with its tasks, assignments and
    // versions): the id carries the person key, so every statement of the
    // write and of the read is a single-shard one, or the request would fail.
    const token = srv.token(username);
    const made = await srv.api('POST', `/api/v1/persons/${id}/plans`, { token, body: {
      needs: 'Help with washing', outcomes: 'Stay at home', start_on: day(0), review_on: day(90) } });
    assert.equal(made.status, 201, made.text + srv.log());
    assert.match(made.json.id, new RegExp(`^${id}[0-9a-f]{24}$`), 'the plan id carries the person key');
    const plan = await srv.api('GET', `/api/v1/plans/${made.json.id}`, { token });
    assert.equal(plan.status, 200, plan.text + srv.log());
    assert.equal(plan.json.id, made.json.id);
    // The same statements refuse someone with no relationship (and audit it).
    const refused = await srv.api('GET', `/api/v1/persons/${id}`, { token: srv.token('admin') });
    assert.equal(refused.status, 403, refused.text + srv.log());
  } finally { await srv.stop(); }
  // The fresh trail was made 8 chains (entries about different people on
  // different chains), and every chain verifies.
  assert.equal(sql(db, 'SELECT count(*) FROM audit_head'), '8');
  assert.ok(Number(sql(db, 'SELECT count(DISTINCT (seq - 1) % 8) FROM audit_log')) > 1);
  const v = cli(['audit', 'verify', '--db', db]);
  assert.equal(v.status, 0, v.stderr + v.stdout);
  srv.cleanup();
});

test('a single-server PostgreSQL database moves onto the cluster and still verifies', { skip }, () => {
  const coord = process.env.SEAMLESS_CITUS_COORD;
  const name = `plain_${process.pid}`;
  const plainUrl = coord.replace(/\/postgres\?/, `/${name}?`);
  // A database without the citus extension: a single PostgreSQL server.
  execFileSync('psql', ['-X', '-q', '-d', coord, '-c', `CREATE DATABASE ${name} TEMPLATE template0`]);
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-citus-'));
  const target = newDatabase(dir);
  try {
    const demo = cli(['demo', '--db', plainUrl, '--persons', '40']);
    assert.equal(demo.status, 0, demo.stderr);
    assert.equal(sql(plainUrl, "SELECT count(*) FROM pg_extension WHERE extname = 'citus'"), '0');
    const counts = (db) => sql(db, `SELECT (SELECT count(*) FROM persons) || ',' || (SELECT count(*) FROM caseloads)
      || ',' || (SELECT count(*) FROM users) || ',' || (SELECT count(*) FROM audit_log)`);
    const before = counts(plainUrl);
    // The documented commands: dump, restore onto the coordinator, init.
    const dump = execFileSync('pg_dump', ['--no-owner', '--no-privileges', '-d', plainUrl], { maxBuffer: 1 << 28 });
    execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', target], { input: dump });
    const init = cli(['init', '--db', target]);
    assert.equal(init.status, 0, init.stderr);
    assert.equal(counts(target), before, 'every row moved');
    assert.equal(sql(target, "SELECT partmethod FROM pg_dist_partition WHERE logicalrelid = 'caseloads'::regclass"), 'h');
    assert.ok(Number(sql(target, 'SELECT count(*) FROM pg_dist_shard')) > 40);
    // The moved trail is split after its entries (they stay chain 1's).
    const entries = sql(target, 'SELECT max(seq) FROM audit_log');
    assert.equal(sql(target, `SELECT count(*) FROM audit_head WHERE base = ${entries}`), '8');
    const v = cli(['audit', 'verify', '--db', target]);
    assert.equal(v.status, 0, v.stderr + v.stdout);
  } finally {
    execFileSync('psql', ['-X', '-q', '-d', coord, '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    dropDatabase(target);
    rmSync(dir, { recursive: true, force: true });
  }
});
