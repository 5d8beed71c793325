// Test harness: a real `seamless serve` on a free loopback port over a fresh
// demo database in a temporary directory.
import { spawn, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BIN = path.resolve('seamless');
export const PASSWORD = 'demo-password-2026';

export function cli(args, input) {
  return spawnSync(BIN, args, { input: input ?? '', encoding: 'utf8' });
}

export function sql(db, statement) {
  return execFileSync('sqlite3', [db, statement], { encoding: 'utf8' }).trim();
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
  const db = opts.db ?? path.join(dir, 't.db');
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
    cleanup() { rmSync(dir, { recursive: true, force: true }); },
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
