// Faults beyond the disk filling (issue #20, items 6 and 8), on SQLite: an
// LD_PRELOAD shim (tests/fault/faultfs.c, build/faultfs.so) fails writes or
// fsyncs to the database's directory on demand. While it does, a write is
// answered 503 "try again later" and leaves nothing behind, an audited read
// releases no personal data, the log names the cause, /healthz stays live;
// when the fault clears the same server serves again, and the database
// passes its integrity check and `seamless audit verify`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, sql, cli, newDatabase, BACKEND, BIN, CLOCK_ENV } from './harness.mjs';

const SHIM = path.resolve('build/faultfs.so');
const skip = BACKEND !== 'sqlite' ? 'the shim fails SQLite files; PostgreSQL faults are in reliability.test.mjs'
  : !existsSync(SHIM) ? 'build/faultfs.so not built (make build/faultfs.so)'
  : /asan/.test(BIN) ? 'the sanitizer build must be the first library loaded' : false;

let n = 0;
const person = (srv, token) => srv.api('POST', '/api/v1/persons', { token, body: { family_name: `Faulty${++n}`,
  given_name: 'Jo', date_of_birth: '1950-02-02', sex: 'female', postcode: 'LE11 3AB' } });

for (const fault of ['ENOSPC', 'EIO', 'EIO-fsync']) {
  test(`${fault} on the database's files: 503 without partial state, then recovery`, { skip }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seamless-e2e-')), control = path.join(dir, 'fault');
    const db = newDatabase(dir);
    assert.equal(cli(['demo', '--db', db, '--persons', '0']).status, 0);
    const srv = await startServer({ db, dir, args: ['--threads', '2'],
      env: { ...CLOCK_ENV, LD_PRELOAD: SHIM, FAULT_DIR: dir, FAULT_CONTROL: control } });
    let refused = '';
    try {
      const token = srv.token('sw.jones');
      const before = await person(srv, token);
      assert.equal(before.status, 201, before.text);
      writeFileSync(control, fault);
      const w = await person(srv, token);
      refused = `Faulty${n}`;
      assert.equal(w.status, 503, w.text);
      assert.match(w.json.detail, /try again in a few minutes/);
      assert.doesNotMatch(w.text, /sqlite|disk|I\/O|errno/i);
      const r = await srv.api('GET', `/api/v1/persons/${before.json.id}`, { token });
      assert.equal(r.status, 503, 'an audited read without its audit entry releases nothing');
      assert.doesNotMatch(r.text, /Faulty/);
      assert.equal((await srv.api('GET', '/healthz')).status, 200);
      if (fault === 'ENOSPC') assert.match(srv.log(), /cause="[^"]*database or disk is full/);
      else assert.match(srv.log(), /cause="[^"]*(disk I\/O error|I\/O)/i);
      rmSync(control);
      let again = 0;
      for (let i = 0; i < 5 && again !== 201; i++) again = (await person(srv, token)).status;
      assert.equal(again, 201, 'the same server serves again once the fault clears');
      assert.equal((await srv.api('GET', `/api/v1/persons/${before.json.id}`, { token })).status, 200);
    } finally {
      rmSync(control, { force: true });
      await srv.stop();
    }
    assert.equal(sql(srv.db, 'PRAGMA integrity_check'), 'ok');
    assert.equal(Number(sql(srv.db, `SELECT count(*) FROM persons WHERE family_name = '${refused}'`)), 0,
                 'the refused write left nothing');
    const v = cli(['audit', 'verify', '--db', srv.db]);
    assert.equal(v.status, 0, v.stderr);
    srv.cleanup();
  });
}
