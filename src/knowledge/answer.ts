import type { Passage } from '../core/context.ts';
import { headingText, mapTables, readableMarkdown, withoutImages } from '../core/markdown.ts';
import type { Citation } from '../core/reply.ts';
import { questionKind, statesKind } from './question-kind.ts';
import { contentWords, looksEnglish, normalise, questionTerms, sentences } from './text.ts';

export interface ExtractiveAnswer {
  /** One or two sentences from the best passage that match the question best. */
  short: string;
  /** The best passage(s) in full, for "Mehr dazu". */
  detail: string;
  citations: Citation[];
}

const SHORT_MAX_CHARS = 420;
const EXCERPT_CHARS = 200;
/** List items up to this length are joined into the sentence that introduces them. */
const INLINE_ITEM_CHARS = 100;

/** A crude stem for matching question words to sentence words without a database round trip. */
const stem = (w: string) => w.slice(0, Math.max(4, Math.min(w.length, 6)));

/**
 * A piece of a passage that can be quoted: a sentence, a list item or table row (marker removed), or a
 * glossary line of other names ("Weitere Bezeichnungen: …"), which is search material, not an answer.
 */
interface Unit {
  text: string;
  kind: 'sentence' | 'item' | 'synonyms';
}

/**
 * A sentence that opens with a word pointing back: a demonstrative before a verb ("Das ergab …", "Dabei …")
 * or a demonstrative article ("Diese Art der Begleitung …", "Dieses Vorgehen …"; "Das Projekt" is not one).
 */
const POINTS_BACK =
  /^(?:(?:Das|Dies|Dieses|Diese|Dabei|Dazu|Daher|Deshalb|Dadurch|Dafür|Darin|Darauf)\s+\p{Ll}|(?:Diese[rsmn]?|Solche[rsmn]?)\s+\p{Lu})/u;

const SYNONYM_LINE =
  /^(weitere|andere) (bezeichnungen|namen|schreibweisen)\b|^(synonyme?|auch genannt|schreibweisen|also known as|synonyms)\b/i;
const LIST_ITEM = /^\s*(?:[-*+•]|\d+[.)])\s+(.*)$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
/**
 * Keys of front matter, for lines that slipped out of it (e.g. a blank line above the first "---"). Lower
 * case only, as front matter writes them: "URL: https://…" in an article is content.
 */
const FRONT_MATTER_KEY =
  /^(title|chapter|url|tags|date|author|description|lang|language|slug|layout|keywords|summary|category|categories|draft|weight|aliases|updated|created):(\s|$)/;

/**
 * Whether a line only repeats the passage's section heading (the end of its title "Article › Section"), as a
 * coach answer kept as knowledge starts with the question: a heading, never the answer.
 */
function repeatsHeading(line: string, title: string): boolean {
  const text = normalise(line);
  if (!text) return false;
  const parts = title.split(' › ');
  return text === normalise(parts.at(-1)!) || text === normalise(parts.slice(1).join(' › '));
}

/** The passage without front matter lines, rules and headings; tables as rows of text. */
function contentLines(text: string, title: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return mapTables(lines, (row) => `- ${row}`).filter(
    (line) =>
      !RULE.test(line) &&
      !FRONT_MATTER_KEY.test(line.trim()) &&
      headingText(line) === undefined &&
      !repeatsHeading(line, title),
  );
}

/** Inline Markdown that reads badly when quoted: images and quote marks; bold and links stay (channels render them). */
const tidy = (s: string) =>
  withoutImages(s)
    .replace(/^\s*>\s?/, '')
    .replace(/\s+/g, ' ')
    .trim();

function units(p: Pick<Passage, 'text' | 'title'>): Unit[] {
  const out: Unit[] = [];
  for (const line of contentLines(p.text, p.title)) {
    const item = LIST_ITEM.exec(line);
    if (item) {
      const t = tidy(item[1]!);
      if (t) out.push({ text: t, kind: 'item' });
      continue;
    }
    const t = tidy(line);
    if (!t) continue;
    if (SYNONYM_LINE.test(t)) {
      out.push({ text: t, kind: 'synonyms' });
      continue;
    }
    for (const s of sentences(t)) out.push({ text: s, kind: 'sentence' });
  }
  return out;
}

const quotable = (u: Unit) => u.kind !== 'synonyms';

/** A curated entry that answers, and the phrasing of it that matched the question (none for a follow-up button). */
interface CuratedAnswer {
  entry: { answer: string; answerEn?: string };
  phrasing?: string;
  /** Share of the question's term weight the phrasing holds. */
  asked?: number;
}
/** Below this share of the question in its phrasing, an entry may leave the asked fact to its section. */
const ASKED_BEYOND_SHARE = 0.8;

/**
 * The answer the bot gives offline for a retrieval. With a curated entry (the question layer): its answer
 * first – in English for an English reader – then the sentence(s) of its section that support it, quoted,
 * and the section as citation. Otherwise the sentences of the best passage that match the question. An
 * English reader is told that a quote is German.
 */
export function composeAnswer(
  question: string,
  retrieval: { passages: Passage[]; entry?: CuratedAnswer },
  locale: 'de' | 'en',
): { text: string; citations: Citation[]; detail: string } {
  const ex = extractiveAnswer(question, retrieval.passages);
  const german = locale === 'en' ? '_From the German knowledge base:_\n' : '';
  const curated = retrieval.entry?.entry;
  if (!curated) {
    return {
      text: ex.short ? german + ex.short : '',
      citations: ex.citations.slice(0, 1),
      detail: ex.detail,
    };
  }
  const beyond = askedBeyond(question, retrieval.entry!, retrieval.passages[0]);
  if (beyond) return { text: beyond, citations: ex.citations.slice(0, 1), detail: ex.detail };
  const answer = askedFirst(
    question,
    locale === 'en' && curated.answerEn ? curated.answerEn : curated.answer,
  );
  const quote = supportingQuote(curated.answer, retrieval.passages[0]);
  // The quote stays German; an English reader is told so.
  const lead = locale === 'en' ? '_From the German brochure:_ ' : '';
  const text = quote ? `${answer}\n\n${lead}„${quote}“` : answer;
  return { text, citations: ex.citations.slice(0, 1), detail: ex.detail };
}

/**
 * An entry's answer opens with its main statement, but one entry answers several phrasings ("Was ist ein
 * Cluster?", "Ist ein Cluster eine Unternehmensberatung?"): the sentence that holds more of the question's
 * words than the first goes first, so the first sentence answers what was asked.
 */
export function askedFirst(question: string, answer: string): string {
  // Lists and paragraphs keep their shape.
  if (answer.includes('\n')) return answer;
  const parts = sentences(answer);
  if (parts.length < 2) return answer;
  const wanted = new Set(contentWords(question).map(stem));
  const held = (s: string) =>
    new Set(
      contentWords(s)
        .map(stem)
        .filter((w) => wanted.has(w)),
    );
  const first = held(parts[0]!);
  let best = 0;
  let bestCount = first.size;
  parts.forEach((p, i) => {
    const h = held(p);
    const news = [...h].filter((w) => !first.has(w)).length;
    if (i > 0 && news > 0 && h.size > bestCount) {
      best = i;
      bestCount = h.size;
    }
  });
  if (!best) return answer;
  return [parts[best], ...parts.filter((_, i) => i !== best)].join(' ');
}

/**
 * The entry chose the section, but the question asks for something its curated answer leaves out and a
 * sentence of the section says ("Woran ist die DLC angelehnt?"): then that sentence is the answer. Only for
 * German questions, whose words can be compared with the German answer.
 */
function askedBeyond(question: string, entry: CuratedAnswer, section: Passage | undefined): string {
  // A phrasing that covers most of the question leaves nothing beyond it.
  if (!section || looksEnglish(question) || (entry.asked ?? 1) >= ASKED_BEYOND_SHARE) return '';
  // What the entry is about (its phrasing) or says (its answer) is not beyond it.
  const known = new Set(contentWords(`${entry.phrasing ?? ''} ${entry.entry.answer}`).map(stem));
  const beyond = contentWords(question).filter((w) => !known.has(stem(w)));
  if (!beyond.length) return '';
  const quote = extractiveAnswer(beyond.join(' '), [section]).short;
  const quoted = new Set(contentWords(quote).map(stem));
  return beyond.some((w) => quoted.has(stem(w))) ? quote : '';
}

/**
 * The sentence(s) of the entry's section that the curated answer rests on: those sharing the most words
 * with it. None when the section has nothing beyond what the answer already says word for word.
 */
function supportingQuote(answer: string, passage: Passage | undefined): string {
  if (!passage) return '';
  const quote = extractiveAnswer(answer, [passage]).short;
  const same = (s: string) =>
    normalise(s)
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  return quote && !same(answer).includes(same(quote)) ? quote : '';
}

/** Quotes the passage sentences that share the most words with the question; never invents text. */
export function extractiveAnswer(question: string, passages: Passage[]): ExtractiveAnswer {
  const wanted = new Set(contentWords(question).map(stem));
  const kind = questionKind(question);
  const asksForQuestions = /\bfrage|\bquestion/i.test(question);
  const quotables = passages.filter((p) => units(p).some(quotable));
  // The first passage with a real sentence (one of only front matter or synonyms has nothing to say); for a
  // question of a kind ("wie viele"), the first of the top three that states such a fact on the topic.
  const topic = new Set(questionTerms(question).map(stem));
  const statesAsked = (p: Passage) =>
    units(p).some((u) => quotable(u) && statesKind(kind!, u.text) && sharesWord(topic, u.text));
  const best = (kind && quotables.slice(0, 3).find(statesAsked)) || quotables[0] || passages[0];
  if (!best) return { short: '', detail: '', citations: [] };
  const all = units(best);
  const list = all.some(quotable) ? all.filter(quotable) : all;
  const scored = list.map((u, i) => {
    const ws = new Set(contentWords(u.text).map(stem));
    let score = 0;
    for (const w of wanted) if (ws.has(w)) score++;
    // A sentence on the question's topic that states the kind of fact asked for (a number for "wie viele")
    // outranks one that only shares a word more.
    if (kind && score > 0 && statesKind(kind, u.text)) score += 1.5;
    // A question the brochure asks ("Was ist vertraulich?") answers nothing: any statement on the topic goes
    // before it, unless questions were asked for.
    if (u.text.endsWith('?') && !asksForQuestions) score /= 10;
    // Slight preference for earlier sentences: sections usually open with their main statement.
    return { i, u, score: score - i * 0.01 };
  });
  const top = [...scored].sort((a, b) => b.score - a.score)[0];
  let short = '';
  if (top) {
    const introducesList = top.u.text.endsWith(':');
    const items: string[] = [];
    if (introducesList) {
      for (const s of scored.slice(top.i + 1)) {
        if (s.u.kind !== 'item') break;
        items.push(s.u.text);
      }
    }
    const next = scored[top.i + 1];
    const asked = askedItems(items, wanted);
    if (items.length) {
      // The one item asked for continues the sentence that introduces it.
      short = asked.length < items.length ? `${top.u.text} ${asked.join(' ')}` : withItems(top.u.text, items);
    } else if (
      next &&
      next.u.kind === 'sentence' &&
      (introducesList || top.u.text.length + next.u.text.length < SHORT_MAX_CHARS / 2)
    ) {
      short = `${top.u.text} ${next.u.text}`;
    } else {
      short = top.u.text;
    }
    // "Das ergab die Clusteranalyse." names nothing by itself: quote the sentence it points back to first.
    if (!items.length && POINTS_BACK.test(top.u.text)) {
      const before = pointedTo(
        scored.map((x) => x.u),
        top.i,
      );
      if (before) short = `${before} ${short}`;
    }
  }
  short = shorten(short);

  const others = passages.filter((p) => p !== best && units(p).some(quotable));
  const related = others.slice(0, 1).filter((p) => p.source !== best.source || p.title !== best.title);
  const detail = [best, ...related].map((p) => `**${p.title}**\n${readableDetail(p)}`).join('\n\n');
  return { short, detail, citations: citationsFor([best, ...related]) };
}

/**
 * A list of labelled items ("Coach: …", "Digital: …") of which the question names one label: that item alone.
 */
function askedItems(items: string[], wanted: Set<string>): string[] {
  const label = (item: string) => /^([^:]{1,40}):\s/.exec(item)?.[1];
  if (!items.every(label)) return items;
  const named = items.filter((i) => contentWords(label(i)!).some((w) => wanted.has(stem(w))));
  return named.length === 1 ? named : items;
}

/** What a sentence that points back refers to: the sentence before it, or the list before it with its intro. */
function pointedTo(list: Unit[], at: number): string | undefined {
  let i = at - 1;
  const items: string[] = [];
  while (i >= 0 && list[i]!.kind === 'item') items.unshift(list[i--]!.text);
  const sentence = list[i];
  if (sentence?.kind !== 'sentence') return undefined;
  if (!items.length) return sentence.text;
  return sentence.text.endsWith(':') ? withItems(sentence.text, items) : undefined;
}

function sharesWord(wanted: Set<string>, text: string): boolean {
  return questionTerms(text).some((w) => wanted.has(stem(w)));
}

/**
 * "Die Stufen sind:" with its items: short items continue the sentence ("sind: A, B, C."), long ones stay
 * a list, which every channel shows as bullets.
 */
function withItems(intro: string, items: string[]): string {
  if (items.every((i) => i.length <= INLINE_ITEM_CHARS)) {
    const bare = items.map((i) => i.replace(/[,;.]+$/, ''));
    const joiner = bare.some((i) => i.includes(',')) ? '; ' : ', ';
    return `${intro} ${bare.join(joiner)}.`;
  }
  return `${intro}\n${items.map((i) => `- ${i}`).join('\n')}`;
}

/** Long answers are cut: a list after whole items, a sentence after a whole word; "Mehr dazu" has the rest. */
function shorten(text: string): string {
  const max = SHORT_MAX_CHARS * 1.5;
  if (text.length <= max) return text;
  const lines = text.split('\n');
  let kept = lines[0]!;
  let count = 1;
  for (const line of lines.slice(1)) {
    if (kept.length + 1 + line.length > max) break;
    kept += `\n${line}`;
    count++;
  }
  if (count >= 2 && kept.length <= max) return `${kept} …`;
  return `${text.slice(0, SHORT_MAX_CHARS).replace(/\s+\S*$/, '')} …`;
}

/** The whole passage for "Mehr dazu": front matter and rules dropped, headings bold, tables as lines. */
function readableDetail(p: Passage): string {
  const lines = p.text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter(
      (line) => !RULE.test(line) && !FRONT_MATTER_KEY.test(line.trim()) && !repeatsHeading(line, p.title),
    );
  return readableMarkdown(lines.join('\n'))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The start of a passage as plain text, for a source's preview: no Markdown marks, no synonym lines. */
function excerpt(p: Passage): string {
  const all = units(p);
  const plain = (all.some(quotable) ? all.filter(quotable) : all)
    // Items and table rows have no full stop; a semicolon keeps them apart on one line.
    .map((u, i, list) => (i < list.length - 1 && !/[.!?:;,]$/.test(u.text) ? `${u.text};` : u.text))
    .join(' ')
    .replace(/\*\*|__|`/g, '')
    .replace(/\[([^\]\n]+)\]\([^)\s]+\)/g, '$1');
  return plain.length > EXCERPT_CHARS ? `${plain.slice(0, EXCERPT_CHARS).replace(/\s+\S*$/, '')} …` : plain;
}

export function citationsFor(passages: Passage[]): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const p of passages) {
    if (seen.has(p.title)) continue;
    seen.add(p.title);
    out.push({ title: p.title, url: p.url, excerpt: excerpt(p) });
  }
  return out;
}
