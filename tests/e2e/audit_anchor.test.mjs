// The audit trail survives its database's owner (issue #20, item 3): with
// a key ring (every entry keyed) and signed checkpoints, an attacker who can
// write to the database — but holds neither key file — cannot truncate,
// reset, recompute or extend the chain without `seamless audit verify`
// saying so. Each attack runs on its own server (SQLite here, PostgreSQL in
// check-pg); the eight edits the chain alone catches are in
// tests/unit/test_audit.c.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, sql, cli, newDatabase, CLOCK_ENV } from './harness.mjs';

const keys = mkdtempSync(path.join(tmpdir(), 'seamless-keys-'));
after(() => rmSync(keys, { recursive: true, force: true }));

// A server with keyed entries and checkpoints every second, some audited
// writes and reads, stopped (its last checkpoint written at shutdown).
async function world(name) {
  CLOCK_ENV.SEAMLESS_AUDIT_KEY = '';
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-e2e-'));
  const db = newDatabase(dir);
  assert.equal(cli(['demo', '--db', db, '--persons', '0']).status, 0);
  const ring = path.join(dir, 'audit.ring'), sign = path.join(keys, `${name}.sign`), cps = path.join(dir, 'checkpoints');
  assert.equal(cli(['audit', 'key', 'create', '--db', db, '--out', ring]).status, 0);
  assert.equal(cli(['audit', 'signing-key', 'create', '--out', sign]).status, 0);
  CLOCK_ENV.SEAMLESS_AUDIT_KEY = ring;       // every command and the server key their entries
  const srv = await startServer({ db, dir, args: ['--checkpoints', cps, '--signing-key', sign, '--checkpoint-seconds', '1'] });
  const token = srv.token('sw.jones');
  for (let i = 0; i < 3; i++) {
    const r = await srv.api('POST', '/api/v1/persons', { token, body: { family_name: `Anchored${i}`, given_name: 'Jo',
      date_of_birth: '1950-01-0' + (i + 1), sex: 'female', postcode: 'LE11 3AB' } });
    assert.equal(r.status, 201, r.text);
    assert.equal((await srv.api('GET', `/api/v1/persons/${r.json.id}`, { token })).status, 200);
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  assert.equal(await srv.stop(), 0);
  // One chain (SQLite, PostgreSQL) signs a v1 line; Citus's eight, a v2 line with every head.
  assert.match(srv.log(), /msg="audit checkpoint" seamless-audit-checkpoint (v1 seq=\d+ hash=[0-9a-f]{64}|v2 base=\d+ heads=-?\d+:[0-9a-f]{64}(,-?\d+:[0-9a-f]{64})+) at=/);
  const verify = (extra = []) => cli(['audit', 'verify', '--db', db, '--checkpoints', cps, '--public-key', `${sign}.pub`,
                                      ...extra]);
  return { srv, db, ring, cps, verify };
}

// The trail's chains (docs/internals/audit.md, "Chains"): one head row each
// (ids 1 … K); entries up to the split (base) are chain 1's, after it chain
// c holds base + c, base + c + K, … One chain everywhere but on Citus (8).
function chains(db) {
  const heads = sql(db, 'SELECT id, seq, hash, base FROM audit_head ORDER BY id').split('\n').filter(Boolean)
    .map((l) => { const [id, seq, hash, base] = l.split('|'); return { id: Number(id), seq: Number(seq), hash, base: Number(base) }; });
  const k = heads.length, base = heads[0].base;
  const of = (seq) => (seq <= base ? 1 : ((seq - base - 1) % k) + 1);
  const seqs = sql(db, 'SELECT seq FROM audit_log ORDER BY seq').split('\n').filter(Boolean).map(Number);
  // The chain with the most entries (the attacks below rewrite one chain).
  const count = (c) => seqs.filter((q2) => of(q2) === c).length;
  const busiest = heads.map((h) => h.id).reduce((a, b) => (count(b) > count(a) ? b : a));
  return { k, base, of, heads, busiest, seqsOf: (c) => seqs.filter((q2) => of(q2) === c),
           next: (c) => (k === 1 ? heads[0].seq + 1 : heads[c - 1].seq <= base ? base + c : heads[c - 1].seq + k) };
}

// The public chain: SHA-256(previous hash hex || canonical entry), as src/audit/audit.c.
const FIELDS = ['user_id', 'org_id', 'role', 'action', 'resource_type', 'resource_id', 'person_id', 'basis', 'request_id'];
const field = (v) => (v === null || v === '' ? '-;' : `${Buffer.byteLength(v)}:${v};`);
function chainHash(prev, e) {
  const canon = `${e.seq};${field(e.at)}${FIELDS.map((f) => field(e[f])).join('')}`;
  return createHash('sha256').update(prev + canon).digest('hex');
}
const q = (v) => (v === null ? 'NULL' : `'${String(v).replace(/'/g, "''")}'`);
function rows(db, from) {
  const out = sql(db, `SELECT seq, at, ${FIELDS.map((f) => `COALESCE(${f}, '~null~')`).join(', ')}, prev_hash FROM audit_log
    WHERE seq >= ${from} ORDER BY seq`);
  return out.split('\n').filter(Boolean).map((line) => {
    const v = line.split('|');
    const e = { seq: Number(v[0]), at: v[1], prev_hash: v[11] };
    FIELDS.forEach((f, i) => { e[f] = v[2 + i] === '~null~' ? null : v[2 + i]; });
    return e;
  });
}

test('an untouched log verifies: chain intact, keyed, checkpoints signed and matching', async () => {
  const w = await world('intact');
  try {
    const r = w.verify();
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /audit chain intact/);
    assert.match(r.stdout, /carries a valid key/);
    assert.match(r.stdout, /checkpoints intact: \d+ signed/);
  } finally { w.srv.cleanup(); }
});

test('truncation: the newest entries deleted and the head moved back is caught by the checkpoint', async () => {
  const w = await world('truncate');
  try {
    const t = chains(w.db), c = t.busiest, mine = t.seqsOf(c);
    assert.ok(mine.length > 4, 'the chain has entries to remove');
    const keep = mine[mine.length - 4];
    const hash = sql(w.db, `SELECT hash FROM audit_log WHERE seq = ${keep}`);
    sql(w.db, `DELETE FROM audit_log WHERE seq IN (${mine.filter((q2) => q2 > keep).join(', ')})`);
    sql(w.db, `UPDATE audit_head SET seq = ${keep}, hash = '${hash}' WHERE id = ${c}`);
    assert.equal(cli(['audit', 'verify', '--db', w.db]).status, 0, 'the chain alone cannot tell');
    const r = w.verify();
    assert.equal(r.status, 1);
    assert.match(r.stderr, /TAMPERED: .*(newest entries were removed|is gone)/);
  } finally { w.srv.cleanup(); }
});

test('reset: everything deleted and the head reset is caught', async () => {
  const w = await world('reset');
  try {
    const t = chains(w.db);
    sql(w.db, 'DELETE FROM audit_log');
    // Every head as it was when the trail was empty (a chain c > 1's at base + c − K).
    sql(w.db, `UPDATE audit_head SET seq = CASE WHEN id = 1 THEN ${t.base} ELSE ${t.base - t.k} + id END,
               hash = '${'0'.repeat(64)}'`);
    assert.equal(cli(['audit', 'verify', '--db', w.db]).status, 0, 'the chain alone cannot tell');
    const r = w.verify();
    assert.equal(r.status, 1);
    assert.match(r.stderr, /TAMPERED: checkpoint 1 says entry \d+ existed .* it is gone/);
  } finally { w.srv.cleanup(); }
});

test('recompute: an entry edited and the public chain recomputed is caught by the key and the checkpoint', async () => {
  const w = await world('recompute');
  try {
    const since = Number(readFileSync(w.ring, 'utf8').split('\n').find((l) => l && !l.startsWith('#')).split(' ')[1]);
    const target = Number(sql(w.db, `SELECT min(seq) FROM audit_log WHERE seq > ${since}`));
    const t = chains(w.db), c = t.of(target);
    const all = rows(w.db, target).filter((e) => t.of(e.seq) === c);   // the rest of its chain
    all[0].action = 'read';       // hide what was done
    let prev = all[0].prev_hash;
    for (const e of all) {
      const h = chainHash(prev, e);
      sql(w.db, `UPDATE audit_log SET action = ${q(e.action)}, prev_hash = '${prev}', hash = '${h}' WHERE seq = ${e.seq}`);
      prev = h;
    }
    sql(w.db, `UPDATE audit_head SET hash = '${prev}' WHERE id = ${c}`);
    const plain = cli(['audit', 'verify', '--db', w.db]);
    assert.equal(plain.status, 1, 'the key catches it even without checkpoints');
    assert.match(plain.stderr, new RegExp(`BROKEN at entry ${target}: its key \\(mac\\) does not verify`));
    CLOCK_ENV.SEAMLESS_AUDIT_KEY = '';
    const cp = w.verify();
    assert.equal(cp.status, 1, 'without the key, the checkpoints catch it');
    assert.match(cp.stderr, /does not have the hash checkpoint \d+ signed/);
  } finally { CLOCK_ENV.SEAMLESS_AUDIT_KEY = ''; w.srv.cleanup(); }
});

test('forged append: a correctly chained "admin read person X" added with the head moved on is caught by the key', async () => {
  const w = await world('forge');
  try {
    const t = chains(w.db), c = t.busiest;
    const prev = t.heads[c - 1].hash;
    const admin = sql(w.db, "SELECT id FROM users WHERE username = 'admin'");
    const person = sql(w.db, 'SELECT id FROM persons ORDER BY id LIMIT 1');
    const e = { seq: t.next(c), at: '2026-12-02T08:00:00.000Z', user_id: admin, org_id: null, role: 'org_admin',
                action: 'read', resource_type: 'person', resource_id: person, person_id: person,
                basis: 'relationship', request_id: 'f'.repeat(32) };
    const h = chainHash(prev, e);
    sql(w.db, `INSERT INTO audit_log (seq, at, ${FIELDS.join(', ')}, prev_hash, hash) VALUES (${e.seq}, ${q(e.at)},
      ${FIELDS.map((f) => q(e[f])).join(', ')}, '${prev}', '${h}')`);
    sql(w.db, `UPDATE audit_head SET seq = ${e.seq}, hash = '${h}' WHERE id = ${c}`);
    CLOCK_ENV.SEAMLESS_AUDIT_KEY = '';
    assert.equal(cli(['audit', 'verify', '--db', w.db]).status, 0, 'the public chain and the checkpoints accept it');
    assert.equal(w.verify().status, 0, 'checkpoints only anchor what existed');
    CLOCK_ENV.SEAMLESS_AUDIT_KEY = w.ring;
    const r = w.verify();
    assert.equal(r.status, 1);
    assert.match(r.stderr, new RegExp(`BROKEN at entry ${e.seq}: it carries no key`));
    // A forged mac (any key id but the ring's) fails too.
    sql(w.db, `UPDATE audit_log SET mac = '${'0'.repeat(8)}:${'a'.repeat(64)}' WHERE seq = ${e.seq}`);
    assert.match(w.verify().stderr, /its key \(mac\) does not verify/);
  } finally { CLOCK_ENV.SEAMLESS_AUDIT_KEY = ''; w.srv.cleanup(); }
});

test('a checkpoint file edited, or signed with another key, is refused', async () => {
  const w = await world('badfile');
  try {
    CLOCK_ENV.SEAMLESS_AUDIT_KEY = '';
    const text = readFileSync(w.cps, 'utf8');
    const first = text.split('\n')[0];
    // A head moved on: v1's seq=, or v2's first head.
    appendFileSync(w.cps, first.replace(/(seq=|heads=)(\d+)/, (m, k, n) => `${k}${Number(n) + 1000}`) + '\n');
    const r = w.verify();
    assert.equal(r.status, 1);
    assert.match(r.stderr, /line \d+ is not a checkpoint signed by this key/);
  } finally { w.srv.cleanup(); }
});

test('the privacy officer\'s audit page shows the last signed checkpoint, and warns when the log no longer matches it', async () => {
  CLOCK_ENV.SEAMLESS_AUDIT_KEY = '';
  const dir = mkdtempSync(path.join(tmpdir(), 'seamless-e2e-'));
  const db = newDatabase(dir);
  assert.equal(cli(['demo', '--db', db, '--persons', '0']).status, 0);
  const sign = path.join(keys, 'page.sign');
  assert.equal(cli(['audit', 'signing-key', 'create', '--out', sign]).status, 0);
  const srv = await startServer({ db, dir, args: ['--checkpoints', path.join(dir, 'cp'), '--signing-key', sign,
                                                  '--checkpoint-seconds', '1'] });
  try {
    const s = await srv.login('privacy');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const page = async () => (await fetch(`${srv.base}/audit`, { headers: { Cookie: s.cookie } })).text();
    let html = await page();
    const m = html.match(/Last signed checkpoint: entry (\d+), /);
    assert.ok(m, html.slice(0, 2000));
    assert.match(html, /still holds that entry/);
    // Rewritten from the checkpointed entry on, as a recomputed chain would be.
    sql(db, `UPDATE audit_log SET hash = '${'e'.repeat(64)}' WHERE seq >= ${m[1]}`);
    html = await page();
    assert.match(html, /The log does not match its checkpoint/);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    html = await page();
    assert.match(html, /The log does not match its checkpoint/, 'no checkpoint is signed over the rewritten chain');
    assert.match(srv.log(), /audit log broken since the last checkpoint: not signed/);
  } finally { await srv.stop(); srv.cleanup(); }
});
