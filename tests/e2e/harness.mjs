// Test harness: a real `seamless serve` on a free loopback port over a fresh
// demo database: a SQLite file in a temporary directory, or, when
// SEAMLESS_TEST_DB names a PostgreSQL server (scripts/with-postgres), a new
// database on it for every server started.
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// SEAMLESS_BIN runs the suite against another build (e.g. the sanitizer one).
export const BIN = path.resolve(process.env.SEAMLESS_BIN ?? 'seamless');

// The test clock. Every server and CLI run by the tests gets this "now"
// (SEAMLESS_NOW, honoured only with SEAMLESS_TEST_CLOCK=1), and every test
// builds its dates from it, never from today: the same test gives the same
// answer on any day. `make check` also runs the date-heavy files with
// SEAMLESS_TEST_NOW set to hard dates (month ends, leap day, bank holidays,
// clock changes).
export const NOW = process.env.SEAMLESS_TEST_NOW ?? '2026-12-02T10:00:00Z';
const NOW_MS = Date.parse(NOW);
if (Number.isNaN(NOW_MS)) throw new Error(`SEAMLESS_TEST_NOW is not a timestamp: ${NOW}`);
export const nowMs = () => NOW_MS;
// The civil date in England (Europe/London) of a moment, as YYYY-MM-DD.
export function ukDate(ms) {
  const p = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit',
                                               day: '2-digit' }).formatToParts(new Date(ms));
  const v = (t) => p.find((x) => x.type === t).value;
  return `${v('year')}-${v('month')}-${v('day')}`;
}
export const TODAY = ukDate(NOW_MS);
// YYYY-MM-DD n calendar days from iso.
export function addDays(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}
// TODAY + offset days.
export const day = (offset) => addDays(TODAY, offset);
// YYYY-MM-DD n months from iso, clamped to the month end (as the rules do).
export function addMonths(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12), nm = total % 12 + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
// Calendar days from a to b (b - a).
export const daysBetween = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 86400000);
// Environment for every process the tests start: the pinned clock.
export const CLOCK_ENV = { ...process.env, SEAMLESS_TEST_CLOCK: '1', SEAMLESS_NOW: NOW };
export const PASSWORD = 'demo-password-2026';

const isPg = (db) => /^postgres(ql)?:\/\//.test(db ?? '');
const PG = isPg(process.env.SEAMLESS_TEST_DB) ? process.env.SEAMLESS_TEST_DB : null;
export const BACKEND = PG ? 'postgres' : 'sqlite';
// On a Citus cluster (scripts/with-citus) a database is made on every node
// with the nodes registered in it (scripts/citus-db).
const CITUS_DB = PG ? process.env.SEAMLESS_TEST_CITUS_DB : undefined;
export const CITUS = !!CITUS_DB;

// The same without blocking this process: for long runs (a demo county) in a file whose server keeps
// idle kept-alive connections — a blocked event loop cannot see the server close one after 30 s idle,
// and the next request on it fails with "other side closed".
export function cliAsync(args, input, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { env: opts.env ?? CLOCK_ENV });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

export function cli(args, input, opts = {}) {
  return spawnSync(BIN, args, { input: input ?? '', encoding: 'utf8', env: opts.env ?? CLOCK_ENV });
}

function psql(url, statement) {
  return execFileSync('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', statement],
                      { encoding: 'utf8' }).trim();
}

// Runs one SQL statement with the backend's own client; rows as "a|b" lines.
// A running server's audit writer may hold the write lock for a moment (it
// fills the person index in the background), so the CLI waits like the server.
// SQLite's views over the audit files, which every connection makes its own.
const auditViews = readFileSync(new URL('../../src/store/sqlite_audit_views.sql', import.meta.url), 'utf8');

export function sql(db, statement) {
  if (isPg(db)) return psql(db, statement);
  // The audit trail is a file of its own beside the data (src/store/sqlite_audit.c), its
  // person index another (src/store/sqlite_audit_index.c): attached as the server attaches
  // them, with the same TEMP views.
  const quoted = (file) => file.replaceAll("'", "''");
  const attach = `ATTACH '${quoted(db + '-audit')}' AS audit; ATTACH '${quoted(db + '-audit-index')}' AS audit_ix;`;
  return execFileSync('sqlite3', ['-cmd', '.timeout 10000', '-cmd', attach, '-cmd', auditViews, db, statement],
    { encoding: 'utf8' }).trim();
}

// Makes every later audit insert fail (the "audit before release" tests).
export function blockAuditWrites(db) {
  if (isPg(db)) {
    sql(db, "CREATE FUNCTION block_audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'blocked'; END$$");
    sql(db, 'CREATE TRIGGER block_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION block_audit()');
  } else {
    sql(db, "CREATE TRIGGER audit.block_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'blocked'); END;");
  }
}

// "postgresql://host/olddb?params" with another database name.
function pgUrlFor(url, name) {
  const m = url.match(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?(\?.*)?$/);
  return `${m[1]}/${name}${m[3] ?? ''}`;
}

let databases = 0;
// A new, empty database for one test server. On Citus, `initialised` asks
// for a copy of a database `seamless init` has already distributed
// (scripts/with-citus makes it once): for a caller that runs init or demo
// next, which then finds nothing to do, instead of 10-20 s of distributing.
export function newDatabase(dir, { initialised = false } = {}) {
  if (!PG) return path.join(dir, 't.db');
  const name = `e2e_${process.pid}_${++databases}`;
  if (CITUS_DB) execFileSync(CITUS_DB, [initialised ? 'clone' : 'create', name]);
  else psql(PG, `CREATE DATABASE ${name}`);
  return pgUrlFor(PG, name);
}

export function dropDatabase(db) {
  if (!isPg(db) || !PG) return;
  const name = db.match(/^postgres(?:ql)?:\/\/[^/?]*\/([^?]*)/)?.[1] ?? '';
  if (!/^e2e_\d+_\d+$/.test(name)) return;
  if (CITUS_DB) execFileSync(CITUS_DB, ['drop', name]);
  else psql(PG, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

// On Citus, seeding the demo organisations, teams and users (`demo
// --persons 0`) is some 400 transactions, each a round trip to every node:
// 15-25 s a server on this machine. So the first server of a test file with
// the default environment seeds one database, closed as a template, and the
// file's later servers start from a copy of it (their own `demo --persons 0`
// then finds the data there, as it would on any database it seeded).
let seeded = null;
function seededCopy() {
  if (!seeded) {
    const name = `e2e_${process.pid}_seed`;
    execFileSync(CITUS_DB, ['clone', name]);
    const r = cli(['demo', '--db', pgUrlFor(PG, name), '--persons', '0']);
    if (r.status !== 0) throw new Error('demo failed: ' + r.stderr);
    execFileSync(CITUS_DB, ['template', name]);
    process.on('exit', () => { try { execFileSync(CITUS_DB, ['drop', name]); } catch { /* the cluster is gone */ } });
    seeded = name;
  }
  const name = `e2e_${process.pid}_${++databases}`;
  execFileSync(CITUS_DB, ['clone', name], { env: { ...process.env, SEAMLESS_CITUS_TEMPLATE: seeded } });
  return pgUrlFor(PG, name);
}

function waitForListen(proc, errors) {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + errors())), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      // An MLLP listener (--mllp-listen) prints its address first.
      const mllp = out.match(/MLLP listening on mllp:\/\/(\S+)/);
      if (m) { clearTimeout(timer); resolve({ base: m[1], mllp: mllp?.[1] }); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${errors()}`)); });
  });
}

// Starts a server. opts.db reuses a database; opts.args adds serve options.
export async function startServer(opts = {}) {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'seamless-e2e-'));
  const db = opts.db ?? (CITUS_DB && !opts.env ? seededCopy() : newDatabase(dir, { initialised: true }));
  if (!opts.db) {
    const r = cli(['demo', '--db', db, '--persons', '0'], '', { env: opts.env });
    if (r.status !== 0) throw new Error('demo failed: ' + r.stderr);
  }
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...(opts.args ?? [])],
                     { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? CLOCK_ENV });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const { base, mllp } = await waitForListen(proc, () => stderr);
  const srv = {
    base, mllp, db, dir, proc,
    log: () => stderr,
    async stop(signal = 'SIGTERM') {
      if (proc.exitCode !== null) return proc.exitCode;
      const done = new Promise((resolve) => proc.on('exit', (code, sig) => resolve(code ?? sig)));
      proc.kill(signal);
      return done;
    },
    cleanup() { rmSync(dir, { recursive: true, force: true }); dropDatabase(db); },
    token(username) {
      const r = cli(['token', 'issue', '--db', db, '--username', username]);
      if (r.status !== 0) throw new Error('token issue failed: ' + r.stderr);
      return r.stdout.trim();
    },
    // A JSON API call with a bearer token (or none).
    async api(method, p, { token, body, headers = {} } = {}) {
      const h = { ...headers };
      if (token) h.Authorization = `Bearer ${token}`;
      if (body !== undefined) h['Content-Type'] = 'application/json';
      const res = await fetch(base + p, { method, headers: h, redirect: 'manual',
                                          body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      let json = null;
      try { json = JSON.parse(text); } catch { /* not JSON */ }
      return { status: res.status, headers: res.headers, json, text };
    },
    // Signs in through the API; returns { cookie, csrf, user }.
    async login(username, password = PASSWORD) {
      const r = await srv.api('POST', '/api/v1/sessions', { body: { username, password } });
      if (r.status !== 201) return { status: r.status, json: r.json, headers: r.headers };
      const setCookie = r.headers.getSetCookie()[0];
      return { status: 201, cookie: setCookie.split(';')[0], setCookie, csrf: r.json.csrf_token, user: r.json.user };
    },
  };
  return srv;
}
