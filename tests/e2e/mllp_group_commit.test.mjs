// MLLP group commit: messages arriving at once on many connections are
// stored together (one transaction), yet each is answered on its own
// connection with its own ACK, only once stored; a bad message among them
// gets its AE and leaves the others standing; the same control id sent on
// two connections at once is stored once and both get the same ACK.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, sql, nowMs, cli } from './harness.mjs';

let srv;
const NHS = '9434765919';
const ts = (hours) => new Date(nowMs() + hours * 3600e3).toISOString().replace(/[-:T]/g, '').slice(0, 14) + '+0000';
const iso = (hours) => new Date(nowMs() + hours * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');

// One connection: sends its messages one after another, each after the
// previous ACK (as an engine does); resolves with the ACKs.
function engine(messages) {
  return new Promise((resolve, reject) => {
    const [host, port] = srv.mllp.split(':');
    const s = net.connect(Number(port), host);
    const acks = [];
    let buf = '', i = 0;
    const next = () => { if (i < messages.length) s.write('\x0b' + messages[i++] + '\x1c\r'); else { s.end(); resolve(acks); } };
    s.on('connect', next);
    s.on('data', (d) => {
      buf += d.toString('latin1');
      let e;
      while ((e = buf.indexOf('\x1c\r')) >= 0) { acks.push(buf.slice(1, e)); buf = buf.slice(e + 2); next(); }
    });
    s.on('error', reject);
  });
}
const a08 = (ctl, bed) => `MSH|^~\\&|PAS|SHT|SEAMLESS|SCC|${ts(-1)}||ADT^A08^ADT_A01|${ctl}|P|2.5\r`
  + `EVN|A08|${ts(-1)}\rPID|1||${NHS}^^^NHS^NH\rPV1|1|I|${ward}^^${bed}|||||||GMD|||||||||SPELL-G1\r`;
const msa = (ack) => ack.split('\r').find((l) => l.startsWith('MSA|'));
let ward;

before(async () => {
  srv = await startServer({ args: ['--mllp-listen', '127.0.0.1:0', '--mllp-org', 'SHT'] });
  ward = sql(srv.db, "SELECT w.code FROM hospital_wards w JOIN organisations o ON o.id = w.org_id"
                     + " WHERE o.code = 'SHT' ORDER BY w.code LIMIT 1");
  const p = await srv.api('POST', '/api/v1/persons', { token: srv.token('fd.ali'), body: {
    family_name: 'Ashby', given_name: 'Ruth', date_of_birth: '1938-05-17', sex: 'female', postcode: 'LE11 3AB',
    nhs_number: NHS } });
  assert.equal(p.status, 201, p.text);
  const r = await srv.api('POST', '/api/v1/hospital-events', { token: srv.token('sht.pas'), body: {
    event_id: 'G-ADM', event: 'admit', occurred_at: iso(-5), nhs_number: NHS, visit_number: 'SPELL-G1', ward } });
  assert.equal(r.status, 201, r.text);
});
after(async () => { await srv?.stop(); srv?.cleanup(); });

test('twelve engines at once: every message answered in order with its own ACK, bad ones alone refused', async () => {
  const engines = Array.from({ length: 12 }, (_, e) => Array.from({ length: 10 }, (_, m) =>
    e === 5 && m === 3 ? `MSH|^~\\&|PAS|SHT|S|C|${ts(-1)}||ADT^A08|BAD-${e}-${m}|P|2.5\rEVN|A08|${ts(-1)}\r`   // no PID, no PV1
      : a08(`G-${e}-${m}`, `${e}${m}`)));
  engines.push([a08('TWICE', 'X1')], [a08('TWICE', 'X1')]);   // the same message on two connections at once
  const acks = await Promise.all(engines.map(engine));
  for (let e = 0; e < 12; e++)
    for (let m = 0; m < 10; m++) {
      const want = e === 5 && m === 3 ? `MSA|AE|BAD-${e}-${m}` : `MSA|AA|G-${e}-${m}`;
      assert.equal(msa(acks[e][m]), want);
    }
  assert.equal(acks[12][0], acks[13][0]);   // the replay gets the stored ACK
  assert.equal(msa(acks[12][0]), 'MSA|AA|TWICE');
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hl7_messages WHERE control_id LIKE 'G-%' AND control_id <> 'G-ADM'"
                       + " AND outcome = 'applied'"), '119');
  assert.equal(sql(srv.db, "SELECT outcome FROM hl7_messages WHERE control_id = 'BAD-5-3'"), 'error');
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hl7_messages WHERE control_id = 'TWICE'"), '1');
  // Every stored message was audited once, each applied one's stay change
  // once (a batch's entries go in together before its commit; a message
  // that left nothing behind leaves no entry), in one unbroken chain.
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM audit_log WHERE resource_type = 'hl7_message' AND action = 'receive'"),
               sql(srv.db, 'SELECT COUNT(*) FROM hl7_messages'));
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM audit_log WHERE resource_type = 'hl7_message'"
                           + " AND resource_id = (SELECT id FROM hl7_messages WHERE control_id = 'BAD-5-3')"), '1');
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM audit_log WHERE resource_type = 'hospital_stay'"
                           + " AND action = 'update'"),
               sql(srv.db, "SELECT COUNT(*) FROM hl7_messages WHERE event = 'A08' AND outcome = 'applied'"));
  assert.equal(cli(['audit', 'verify', '--db', srv.db]).status, 0);
});

// A pipelining engine: sends its messages without waiting for each ACK
// (what one read brings goes to the writer together); resolves with the
// ACKs, which must come back in the order sent (those that came before the
// connection closed, if it did).
function pipelined(port, frames, onAck = () => {}) {
  return new Promise((resolve) => {
    const s = net.connect(Number(port), '127.0.0.1');
    const acks = [];
    let buf = '';
    s.on('connect', () => s.write(Buffer.from(frames.map((m) => '\x0b' + m + '\x1c\r').join(''), 'latin1')));
    s.on('data', (d) => {
      buf += d.toString('latin1');
      let e;
      while ((e = buf.indexOf('\x1c\r')) >= 0) {
        acks.push(buf.slice(1, e));
        onAck(acks[acks.length - 1]);
        buf = buf.slice(e + 2);
      }
      if (acks.length === frames.length) { s.end(); resolve(acks); }
    });
    s.on('error', () => resolve(acks));
    s.on('close', () => resolve(acks));
  });
}

test('a pipelining engine: sixty messages in one write, each answered in order, the bad and the too long alone refused', async () => {
  const frames = Array.from({ length: 60 }, (_, m) =>
    m === 17 ? `MSH|^~\\&|PAS|SHT|S|C|${ts(-1)}||ADT^A08|PBAD-${m}|P|2.5\rEVN|A08|${ts(-1)}\r`
      : m === 40 ? a08(`PBIG-${m}`, 'B') + 'NTE|1||' + 'x'.repeat(300 * 1024) + '\r'   // past the 256 KB frame limit
      : a08(`P-${m}`, `P${m}`));
  const acks = await pipelined(srv.mllp.split(':')[1], frames);
  assert.equal(acks.length, 60);
  acks.forEach((ack, m) => assert.equal(msa(ack), m === 17 ? `MSA|AE|PBAD-${m}` : m === 40 ? 'MSA|AR|'
                                                : `MSA|AA|P-${m}`, `message ${m}`));
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hl7_messages WHERE control_id LIKE 'P-%' AND outcome = 'applied'"), '58');
  assert.equal(sql(srv.db, "SELECT COUNT(*) FROM hl7_messages WHERE control_id LIKE 'PBIG-%'"), '0');
  assert.equal(sql(srv.db, "SELECT bed FROM hospital_stays WHERE visit_number = 'SPELL-G1'"), 'P59');   // the last one applied last
});

test('killed while engines pipeline: every message acknowledged AA is stored after the restart', async () => {
  const port = srv.mllp.split(':')[1];
  const acked = [];
  let killed = null;
  const onAck = (ack) => {
    const m = msa(ack)?.match(/^MSA\|AA\|(K-.*)$/);
    if (m) acked.push(m[1]);
    if (acked.length >= 150 && !killed) killed = srv.stop('SIGKILL');
  };
  await Promise.all(Array.from({ length: 4 }, (_, e) =>
    pipelined(port, Array.from({ length: 400 }, (_, m) => a08(`K-${e}-${m}`, `K${m}`)), onAck)));
  await killed;
  assert.ok(acked.length >= 150 && acked.length < 1600, `${acked.length} acknowledged before the kill`);
  srv = await startServer({ db: srv.db, dir: srv.dir, args: ['--mllp-listen', '127.0.0.1:0', '--mllp-org', 'SHT'] });
  const stored = new Set(sql(srv.db, "SELECT control_id FROM hl7_messages WHERE control_id LIKE 'K-%'"
                                     + " AND outcome = 'applied'").split('\n'));
  const lost = acked.filter((id) => !stored.has(id));
  assert.deepEqual(lost, [], 'acknowledged but not stored');
  assert.equal(cli(['audit', 'verify', '--db', srv.db]).status, 0);
});
