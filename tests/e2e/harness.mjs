// Test harness: a real `seamless serve` on a free loopback port over a fresh
// demo database: a SQLite file in a temporary directory, or, when
// SEAMLESS_TEST_DB names a PostgreSQL server (scripts/with-postgres), a new
// database on it for every server started.
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BIN = path.resolve('seamless');
export const PASSWORD = 'demo-password-2026';

const isPg = (db) => /^postgres(ql)?:\/\//.test(db ?? '');
const PG = isPg(process.env.SEAMLESS_TEST_DB) ? process.env.SEAMLESS_TEST_DB : null;
export const BACKEND = PG ? 'postgres' : 'sqlite';

export function cli(args, input) {
  return spawnSync(BIN, args, { input: input ?? '', encoding: 'utf8' });
}

function psql(url, statement) {
  return execFileSync('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', statement],
                      { encoding: 'utf8' }).trim();
}

// Runs one SQL statement with the backend's own client; rows as "a|b" lines.
export function sql(db, statement) {
  if (isPg(db)) return psql(db, statement);
  return execFileSync('sqlite3', [db, statement], { encoding: 'utf8' }).trim();
}

// Makes every later audit insert fail (the "audit before release" tests).
export function blockAuditWrites(db) {
  if (isPg(db)) {
    sql(db, "CREATE FUNCTION block_audit() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION 'blocked'; END$$");
    sql(db, 'CREATE TRIGGER block_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION block_audit()');
  } else {
    sql(db, "CREATE TRIGGER block_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'blocked'); END;");
  }
}

// "postgresql://host/olddb?params" with another database name.
function pgUrlFor(url, name) {
  const m = url.match(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?(\?.*)?$/);
  return `${m[1]}/${name}${m[3] ?? ''}`;
}

let databases = 0;
// A new, empty database for one test server.
export function newDatabase(dir) {
  if (!PG) return path.join(dir, 't.db');
  const name = `e2e_${process.pid}_${++databases}`;
  psql(PG, `CREATE DATABASE ${name}`);
  return pgUrlFor(PG, name);
}

export function dropDatabase(db) {
  if (!isPg(db) || !PG) return;
  const name = db.match(/^postgres(?:ql)?:\/\/[^/?]*\/([^?]*)/)?.[1] ?? '';
  if (/^e2e_\d+_\d+$/.test(name)) psql(PG, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

function waitForListen(proc, errors) {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + errors())), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${errors()}`)); });
  });
}

// Starts a server. opts.db reuses a database; opts.args adds serve options.
export async function startServer(opts = {}) {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'seamless-e2e-'));
  const db = opts.db ?? newDatabase(dir);
  if (!opts.db) {
    const r = cli(['demo', '--db', db, '--persons', '0']);
    if (r.status !== 0) throw new Error('demo failed: ' + r.stderr);
  }
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...(opts.args ?? [])],
                     { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const base = await waitForListen(proc, () => stderr);
  const srv = {
    base, db, dir, proc,
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
