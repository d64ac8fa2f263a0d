#!/usr/bin/env node
// Checks the curated question layer in knowledge/*.md front matter (issue 11):
// every entry names a real section, has enough phrasings (none shared with another entry), a grounded answer
// and known follow-ups.
// Usage: node scripts/check-knowledge-questions.mjs [--strict]   (--strict: unknown `related` ids fail too)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import matter from 'gray-matter';

const TYPES = new Set([
  'wer',
  'was',
  'wie',
  'wie-oft',
  'wie-viele',
  'wie-lange',
  'wann',
  'wo',
  'warum',
  'wozu',
  'wie-werde-ich',
  'was-kostet',
  'ja-nein',
  'liste',
]);
const dir = new URL('../knowledge/', import.meta.url).pathname;
const strict = process.argv.includes('--strict');
const errors = [];
const warnings = [];
const ids = new Map();
const related = [];
/** Phrasing (lower case) → the entry that has it: the same phrasing in two entries makes a coin toss. */
const phrasingOwner = new Map();
let entries = 0;
let phrasings = 0;
let english = 0;

/** Two phrasings are the same when they differ only in case and surrounding space. */
const phrasingKey = (a) => String(a).toLowerCase().trim();
const numbersIn = (s) => (s.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) => n.replace(/[.,]/g, ''));

for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort()) {
  const { data, content } = matter(readFileSync(join(dir, file), 'utf8'));
  const sections = new Map();
  let current;
  for (const line of content.split('\n')) {
    const h = /^##\s+(.+?)\s*$/.exec(line);
    if (h) {
      current = h[1];
      sections.set(current, []);
    } else if (current) sections.get(current).push(line);
  }
  for (const [i, q] of (data.questions ?? []).entries()) {
    const where = `${file} questions[${i}]${q?.id ? ` (${q.id})` : ''}`;
    entries++;
    if (!q || typeof q !== 'object') {
      errors.push(`${where}: not a mapping`);
      continue;
    }
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(q.id ?? '')) errors.push(`${where}: id must be a lower-case slug`);
    else if (ids.has(q.id)) errors.push(`${where}: id also used in ${ids.get(q.id)}`);
    else ids.set(q.id, file);
    if (!TYPES.has(q.type)) errors.push(`${where}: type "${q.type}" is not one of ${[...TYPES].join(', ')}`);
    const body = sections.get(q.section);
    if (!body) errors.push(`${where}: section "${q.section}" is no "## " heading of ${file}`);
    if (!Array.isArray(q.ask) || q.ask.length < 4) errors.push(`${where}: needs at least 4 phrasings in ask`);
    else {
      phrasings += q.ask.length;
      for (const a of q.ask) {
        const key = phrasingKey(a);
        const owner = phrasingOwner.get(key);
        if (owner && owner !== where) errors.push(`${where}: phrasing "${a}" also in ${owner}`);
        else phrasingOwner.set(key, where);
      }
      if (new Set(q.ask.map(phrasingKey)).size !== q.ask.length) errors.push(`${where}: duplicate phrasing`);
    }
    if (typeof q.answer !== 'string' || q.answer.trim().length < 10) errors.push(`${where}: answer missing`);
    else if (q.answer.length > 450) errors.push(`${where}: answer longer than 450 characters`);
    if (typeof q.answer_en !== 'string' || q.answer_en.trim().length < 10)
      warnings.push(`${where}: no answer_en`);
    else english++;
    if (body && typeof q.answer === 'string') {
      // Grounding: every number the answer states must stand in its section.
      const sectionNumbers = new Set(numbersIn(body.join('\n')));
      for (const n of numbersIn(q.answer)) {
        if (!sectionNumbers.has(n)) errors.push(`${where}: number ${n} of the answer is not in its section`);
      }
    }
    for (const r of q.related ?? []) related.push([where, r]);
  }
}
for (const [where, r] of related) {
  if (!ids.has(r)) (strict ? errors : warnings).push(`${where}: related id "${r}" is unknown`);
}
for (const w of warnings) console.warn(`warning: ${w}`);
for (const e of errors) console.error(`error: ${e}`);
console.log(
  `${entries} question entries, ${phrasings} phrasings, ${english} with English answers; ${errors.length} errors, ${warnings.length} warnings`,
);
process.exit(errors.length ? 1 : 0);
