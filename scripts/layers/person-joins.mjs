#!/usr/bin/env node
// Joins between person tables name person_id (docs/scaling.md, "Queries").
//
// On Citus every person-centred table is distributed by the person's id and
// co-located with `persons`; a join between two of them stays on one shard
// (a router query for one person, pushed down per shard for a list) only
// when its condition equates their person keys. A join on a record id alone
// (`pt.plan_id = cp.id`) is correct on SQLite and PostgreSQL and fails or
// fans out on Citus, so the e2e suite on a plain backend cannot see it.
// This reads the table classification from src/store/citus.c and every SQL
// text in src/store/*.c (adjacent string literals, across macros, form one
// text) and reports each `JOIN person_table alias ON …` whose condition does
// not equate the alias's person key with the person key of a person table
// already in the FROM list, and each correlated subquery on a person table
// that names an outer person alias without naming person_id.
// Usage: node scripts/layers/person-joins.mjs [files…]; exits 1 on a finding.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const citus = readFileSync(join(root, 'src/store/citus.c'), 'utf8');
const personTables = new Set(
  [...citus.matchAll(/\{"([a-z_0-9]+)", CITUS_PERSON, NULL\}/g)].map((m) => m[1]));
if (!personTables.has('persons')) {
  console.error('person-joins: could not read the person tables from src/store/citus.c');
  process.exit(2);
}
const keyOf = (table) => (table === 'persons' ? 'id' : 'person_id');

// The SQL texts of a C file: runs of string literals separated only by
// whitespace, line continuations, comments or macro names.
export function sqlTexts(source) {
  const texts = [];
  let cur = null, line = 1, startLine = 1;
  const re = /"((?:[^"\\\n]|\\.)*)"|\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\\n]|\\.)*'|([A-Za-z_][A-Za-z_0-9]*)|(\n)|([ \t\r\\]+)|(.)/g;
  for (const m of source.matchAll(re)) {
    if (m[1] !== undefined) {
      if (cur === null) { cur = ''; startLine = line; }
      cur += m[1];
    } else if (m[3] !== undefined) {
      line++;
    } else if (m[2] !== undefined) {
      // a macro between literals (SQL fragments) keeps the run going only
      // when it is an upper-case name; any other identifier ends it
      if (!/^[A-Z_][A-Z_0-9]*$/.test(m[2]) && cur !== null) { texts.push({ sql: cur, line: startLine }); cur = null; }
    } else if (m[4] !== undefined || m[0].startsWith('/*') || m[0].startsWith('//')) {
      // whitespace and comments keep a run
      line += m[0].split('\n').length - 1;
    } else if (cur !== null) {
      texts.push({ sql: cur, line: startLine });
      cur = null;
    }
  }
  if (cur !== null) texts.push({ sql: cur, line: startLine });
  return texts.filter((t) => /\b(SELECT|UPDATE|DELETE|INSERT)\b/i.test(t.sql));
}

const STOP = /\b(JOIN|LEFT|RIGHT|INNER|FULL|CROSS|WHERE|GROUP|ORDER|LIMIT|UNION|HAVING|RETURNING|ON CONFLICT|WINDOW)\b|\)|;|$/i;
const NOT_ALIAS = /^(ON|WHERE|JOIN|LEFT|RIGHT|INNER|FULL|CROSS|GROUP|ORDER|LIMIT|UNION|USING|SET|AS|AND|OR)$/i;

// Check one SQL text; returns a list of messages.
export function checkSql(sql) {
  const problems = [];
  // Each FROM starts a scope (a statement or a subquery); the person tables
  // in scope are the FROM table and the tables joined so far.
  const tokens = [...sql.matchAll(/\b(FROM|JOIN)\s+([a-z_][a-z_0-9]*)(?:\s+(?:AS\s+)?([a-z_][a-z_0-9]*))?/gi)];
  let scope = [];
  for (const t of tokens) {
    const kw = t[1].toUpperCase(), table = t[2];
    let alias = t[3] && !NOT_ALIAS.test(t[3]) ? t[3] : table;
    if (kw === 'FROM') {
      scope = personTables.has(table) ? [{ table, alias }] : [];
      checkCorrelated(sql, t, table, alias, problems);
      continue;
    }
    if (!personTables.has(table)) continue;
    const persons = scope.slice();
    scope.push({ table, alias });
    if (persons.length === 0) continue;
    const rest = sql.slice(t.index + t[0].length);
    const on = /^\s*ON\s+/i.exec(rest);
    if (!on) { problems.push(`JOIN ${table} ${alias} without ON`); continue; }
    const after = rest.slice(on[0].length);
    const cond = after.slice(0, after.search(STOP));
    if (!namesPersonKey(cond, { table, alias }, persons))
      problems.push(`JOIN ${table} ${alias} ON ${cond.trim()} — equate ${alias}.${keyOf(table)} with the person key of ${persons.map((p) => p.alias).join(' or ')}`);
  }
  return problems;
}

function namesPersonKey(cond, joined, persons) {
  const mine = `${joined.alias}\\.${keyOf(joined.table)}`;
  return persons.some((p) => {
    const theirs = `${p.alias}\\.${keyOf(p.table)}`;
    return new RegExp(`\\b${mine}\\s*=\\s*${theirs}\\b|\\b${theirs}\\s*=\\s*${mine}\\b`).test(cond)
      || (/\$\d+/.test(cond) && new RegExp(`\\b${mine}\\s*=\\s*\\$\\d+`).test(cond)
          && persons.every((q) => new RegExp(`\\b${q.alias}\\.${keyOf(q.table)}\\s*=\\s*\\$\\d+`).test(cond)));
  });
}

// A subquery `(SELECT … FROM person_table a WHERE …)` that refers to an
// alias from outside it must say person_id (or persons.id) in its WHERE.
function checkCorrelated(sql, t, table, alias, problems) {
  if (!personTables.has(table)) return;
  // only subqueries: the FROM is inside an open parenthesis
  let depth = 0, open = -1;
  for (let i = t.index - 1; i >= 0; i--) {
    if (sql[i] === ')') depth++;
    else if (sql[i] === '(') { if (depth === 0) { open = i; break; } depth--; }
  }
  if (open < 0) return;
  let d = 0, close = sql.length;
  for (let i = open + 1; i < sql.length; i++) {
    if (sql[i] === '(') d++;
    else if (sql[i] === ')') { if (d === 0) { close = i; break; } d--; }
  }
  const inner = sql.slice(open + 1, close);
  const innerAliases = new Set([...inner.matchAll(/\b(?:FROM|JOIN)\s+([a-z_][a-z_0-9]*)(?:\s+(?:AS\s+)?([a-z_][a-z_0-9]*))?/gi)]
    .map((m) => (m[2] && !NOT_ALIAS.test(m[2]) ? m[2] : m[1])));
  const outer = outerPersonAliases(sql.slice(0, open) + sql.slice(close));
  const refs = [...inner.matchAll(/\b([a-z_][a-z_0-9]*)\.[a-z_]+\b/gi)].map((m) => m[1])
    .filter((a) => !innerAliases.has(a) && outer.has(a));
  if (refs.length === 0) return;
  const mine = `${alias}\\.${keyOf(table)}`;
  const ok = [...outer.entries()].some(([a, tb]) =>
    refs.includes(a) && new RegExp(`\\b${mine}\\s*=\\s*${a}\\.${keyOf(tb)}\\b|\\b${a}\\.${keyOf(tb)}\\s*=\\s*${mine}\\b`).test(inner));
  if (!ok) problems.push(`subquery on ${table} ${alias} correlated with ${[...new Set(refs)].join(', ')} — equate ${alias}.${keyOf(table)} with the outer person key`);
}

function outerPersonAliases(sql) {
  const out = new Map();
  for (const m of sql.matchAll(/\b(?:FROM|JOIN|UPDATE|INTO)\s+([a-z_][a-z_0-9]*)(?:\s+(?:AS\s+)?([a-z_][a-z_0-9]*))?/gi))
    if (personTables.has(m[1])) out.set(m[2] && !NOT_ALIAS.test(m[2]) ? m[2] : m[1], m[1]);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(root, 'src/store');
  const files = process.argv.length > 2 ? process.argv.slice(2)
    : readdirSync(dir).filter((f) => f.endsWith('.c') && f !== 'citus.c').map((f) => join(dir, f));
  let bad = 0;
  for (const f of files) {
    for (const { sql, line } of sqlTexts(readFileSync(f, 'utf8'))) {
      for (const p of checkSql(sql)) {
        console.log(`${f.replace(root, '')}:${line}: ${p}`);
        bad++;
      }
    }
  }
  process.exit(bad ? 1 : 0);
}
