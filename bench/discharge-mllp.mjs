// MLLP intake load: CONNS connections, each sending ADT^A08 updates for
// the given people's open stays, for SECS seconds, as a trust's engine
// does: every message framed (VT … FS CR), and counted only when its ACK
// has come back. WINDOW (default 1) messages may be in flight on one
// connection (a pipelining engine; the server answers in order, so the
// ACKs are matched to the messages by position) — with 1, each message
// waits for the previous ACK. Prints messages/s, the ACK codes seen, p50/p99
// round trip and the client's own CPU per message (the client shares the
// machine with the server: the messages are made once, before the clock
// starts, and ACKs are read as bytes, so it stays small). Usage:
//   node bench/discharge-mllp.mjs HOST:PORT CONNS SECS VISITS_FILE [WINDOW]
// VISITS_FILE: lines "NHS_NUMBER VISIT_NUMBER WARD".
import net from 'node:net';
import { readFileSync } from 'node:fs';

const [addr, connsArg, secsArg, file, windowArg] = process.argv.slice(2);
const [host, port] = addr.split(':');
const conns = Number(connsArg), secs = Number(secsArg), window = Math.max(1, Number(windowArg ?? 1));
const visits = readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(' '));
const stamp = new Date(Date.now() - 60e3).toISOString().replace(/[-:T]/g, '').slice(0, 14) + '+0000';
const FS = 0x1c, CR = 0x0d;

// Each connection's messages, framed, made before the clock starts: one
// per stay, each with its own control id (n-k, k the stay's position).
// A connection that sends them all goes round again with new ids (a round
// number in the id).
function frames(n) {
  const out = [];
  for (let k = 0; k < Math.min(visits.length, 4000); k++) {
    const [nhs, visit, ward] = visits[(n * 997 + k) % visits.length];
    out.push(`|P|2.5\rEVN|A08|${stamp}\rPID|1||${nhs}^^^NHS^NH\rPV1|1|I|${ward}^^1|||||||GMD|||||||||${visit}\r\x1c\r`);
  }
  return out;
}

const counts = {}, times = [];
const head = `\x0bMSH|^~\\&|PAS|SHT|SEAMLESS|SCC|${stamp}||ADT^A08^ADT_A01|B${process.pid}-`;
let end = 0;

function worker(n) {
  return new Promise((resolve) => {
    const s = net.connect(Number(port), host);
    s.setNoDelay(true);
    const tails = frames(n);
    const sentAt = new Float64Array(window);   // ring: send times of the messages in flight, in order
    let first = 0, inFlight = 0, i = 0, carry = null, stopping = false;
    const send = () => {
      let batch = '';
      while (inFlight < window && performance.now() < end) {
        const k = i % tails.length;
        batch += `${head}${n}-${Math.floor(i / tails.length)}-${k}${tails[k]}`;
        sentAt[(first + inFlight) % window] = performance.now();
        inFlight++;
        i++;
      }
      if (batch) s.write(Buffer.from(batch, 'latin1'));
      if (inFlight === 0 && !stopping) { stopping = true; s.end(); resolve(); }
    };
    s.on('connect', send);
    s.on('data', (d) => {
      const b = carry ? Buffer.concat([carry, d]) : d;
      let start = 0, e;
      while ((e = b.indexOf(FS, start)) >= 0 && e + 1 < b.length) {
        const now = performance.now();
        times.push(now - sentAt[first]);
        first = (first + 1) % window;
        inFlight--;
        const m = b.indexOf('\rMSA|', start, 'latin1');
        const code = m >= 0 && m < e ? b.toString('latin1', m + 5, m + 7) : '?';
        counts[code] = (counts[code] ?? 0) + 1;
        start = e + (b[e + 1] === CR ? 2 : 1);
      }
      carry = start < b.length ? b.subarray(start) : null;
      send();
    });
    s.on('error', () => resolve());
  });
}

const cpu0 = process.cpuUsage();
const t = performance.now();
end = t + secs * 1000;
await Promise.all(Array.from({ length: conns }, (_, k) => worker(k)));
const elapsed = (performance.now() - t) / 1000;
const cpu = process.cpuUsage(cpu0);
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.floor(times.length * p))]?.toFixed(1);
console.log(JSON.stringify({ messages: times.length, per_second: Math.round(times.length / elapsed), acks: counts,
                             p50_ms: pct(0.5), p99_ms: pct(0.99), connections: conns, window,
                             client_cpu_us_per_message: times.length
                               ? Math.round((cpu.user + cpu.system) / times.length) : null }));
