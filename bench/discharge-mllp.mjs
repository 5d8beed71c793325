// MLLP intake load: CONNS connections, each sending ADT^A08 updates for
// the given people's open stays one after another (each waits for its ACK,
// as a trust's engine does), for SECS seconds. Prints messages/s, the ACK
// codes seen and p50/p99 round-trip times. Usage:
//   node bench/discharge-mllp.mjs HOST:PORT CONNS SECS VISITS_FILE
// VISITS_FILE: lines "NHS_NUMBER VISIT_NUMBER WARD".
import net from 'node:net';
import { readFileSync } from 'node:fs';

const [addr, connsArg, secsArg, file] = process.argv.slice(2);
const [host, port] = addr.split(':');
const conns = Number(connsArg), secs = Number(secsArg);
const visits = readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(' '));
const stamp = new Date(Date.now() - 60e3).toISOString().replace(/[-:T]/g, '').slice(0, 14) + '+0000';
const counts = {}, times = [];
let sent = 0;
const end = Date.now() + secs * 1000;

function worker(n) {
  return new Promise((resolve) => {
    const s = net.connect(Number(port), host);
    let buf = '', t0 = 0, i = n;
    const next = () => {
      if (Date.now() >= end) { s.end(); resolve(); return; }
      const [nhs, visit, ward] = visits[i++ % visits.length];
      const ctl = `B${process.pid}-${n}-${i}`;
      t0 = performance.now();
      s.write(`\x0bMSH|^~\\&|PAS|SHT|SEAMLESS|SCC|${stamp}||ADT^A08^ADT_A01|${ctl}|P|2.5\r`
        + `EVN|A08|${stamp}\rPID|1||${nhs}^^^NHS^NH\rPV1|1|I|${ward}^^1|||||||GMD|||||||||${visit}\r\x1c\r`);
      sent++;
    };
    s.on('connect', next);
    s.on('data', (d) => {
      buf += d.toString('latin1');
      const e = buf.indexOf('\x1c\r');
      if (e < 0) return;
      const ack = buf.slice(0, e);
      buf = buf.slice(e + 2);
      times.push(performance.now() - t0);
      const code = (ack.match(/MSA\|(A[AER])/) ?? [])[1] ?? '?';
      counts[code] = (counts[code] ?? 0) + 1;
      next();
    });
    s.on('error', () => resolve());
  });
}

const t = performance.now();
await Promise.all(Array.from({ length: conns }, (_, k) => worker(k * 997)));
const elapsed = (performance.now() - t) / 1000;
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor(times.length * p))]?.toFixed(1);
console.log(JSON.stringify({ messages: times.length, per_second: Math.round(times.length / elapsed), acks: counts,
                             p50_ms: pct(0.5), p99_ms: pct(0.99), connections: conns }));
