// kill -9 over HTTP (issue #20, item 8): 32 concurrent writers register
// people as fast as the server answers; at a random moment the server is
// killed with SIGKILL (on PostgreSQL every third round the database server
// is stopped instead and started again under load). After each round every
// acknowledged write (201) must be in the database, and the database must
// pass its integrity check and `seamless audit verify`. CRASH_ROUNDS rounds
// (10 in make check, 200 in make soak); the totals are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, sql, cli, newDatabase, dropDatabase, BACKEND } from './harness.mjs';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 10);
const WRITERS = 32;
const PGCTL = process.env.SEAMLESS_TEST_PGCTL;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Every round kills the server only after its writers have had a few
// writes acknowledged (then at a random moment): how many a second get
// through depends on the machine's load and the backend (on Citus a
// registration's likely-duplicate check runs on every shard), so a fixed
// window could kill a server that had written nothing yet.
const FIRST_ACKS = 3;
async function untilAcked(acked, n) {
  for (let waited = 0; acked.length < n; waited += 20) {
    assert.ok(waited < 120000, `no write acknowledged within 2 minutes (${acked.length} of ${n})`);
    await sleep(20);
  }
}

// A deterministic sequence of kill moments (no clock or Math.random in tests).
let seed = 20261202;
const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };

async function writers(srv, token, acked, stop) {
  let k = 0;
  const one = async (w) => {
    while (!stop.now) {
      const name = `Crash${w}x${++k}`;
      try {
        const r = await srv.api('POST', '/api/v1/persons', { token, body: { family_name: name, given_name: 'Kim',
          date_of_birth: '1960-06-06', sex: 'male', postcode: 'LE11 3AB' } });
        if (r.status === 201) acked.push(r.json.id);
        else await sleep(20);
      } catch { await sleep(20); }      // connection refused or reset while it is down
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => one(w)));
}

function checkDatabase(db, acked) {
  const present = new Set(sql(db, 'SELECT id FROM persons').split('\n'));
  const lost = acked.filter((id) => !present.has(id));
  if (BACKEND === 'sqlite') assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  const v = cli(['audit', 'verify', '--db', db]);
  assert.equal(v.status, 0, v.stderr);
  return lost;
}

test(`kill -9 under ${WRITERS} concurrent writers, ${ROUNDS} rounds: no acknowledged write lost`, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-e2e-'));
  const db = newDatabase(dir);
  assert.equal(cli(['demo', '--db', db, '--persons', '0']).status, 0);
  const token = cli(['token', 'issue', '--db', db, '--username', 'sw.jones']).stdout.trim();
  const acked = [];
  let lost = [], dbKills = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const srv = await startServer({ db, dir, args: ['--threads', '4', '--quiet'] });
      const stop = { now: false };
      const load = writers(srv, token, acked, stop);
      await untilAcked(acked, acked.length + FIRST_ACKS);
      await sleep(300 + Math.floor(rand() * 1200));
      if (BACKEND === 'postgres' && PGCTL && round % 3 === 2) {
        execFileSync('sh', ['-c', `${PGCTL} stop -m immediate`], { stdio: 'ignore' });   // the database dies under load
        await sleep(300);
        execFileSync('sh', ['-c', `${PGCTL} start`], { stdio: 'ignore' });
        dbKills++;
        await sleep(500);                                                  // and comes back: writes resume
      }
      await srv.stop('SIGKILL');
      stop.now = true;
      await load;
      lost = lost.concat(checkDatabase(db, acked));
    }
    console.log(`crash rounds: ${ROUNDS} (${BACKEND}${dbKills ? `, ${dbKills} database restarts` : ''}), ` +
                `acknowledged writes: ${acked.length}, lost: ${lost.length}`);
    assert.deepEqual(lost, []);
    assert.ok(acked.length >= ROUNDS * FIRST_ACKS, 'the writers got writes through');
  } finally { dropDatabase(db); }
});
