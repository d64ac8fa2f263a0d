import { basename, extname } from 'node:path';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import matter from 'gray-matter';
import { convert } from 'html-to-text';

/** One retrievable piece of a document: a section that makes sense on its own. */
export interface ChunkDraft {
  /** "Article › Section" */
  title: string;
  /** The section heading alone; the article title for text before the first section. */
  heading: string;
  body: string;
}

/** A curated question–answer entry from the `questions:` front matter (issue 11). */
export interface EntryDraft {
  key: string;
  type: string;
  /** The "## " heading of the section that supports the answer. */
  section: string;
  ask: string[];
  answer: string;
  answerEn?: string;
  related: string[];
}

export interface ParsedDocument {
  title: string;
  url?: string;
  chapter?: string;
  chunks: ChunkDraft[];
  /** The curated question layer; entries without a key, phrasing, answer or known section are left out. */
  entries?: EntryDraft[];
}

export const SUPPORTED_EXTENSIONS = ['.md', '.markdown', '.txt', '.text', '.html', '.htm', '.pdf'] as const;

/** Sections longer than this are split; shorter ones stay whole so an answer keeps its context. */
const MAX_SECTION_CHARS = 1800;
const splitter = new RecursiveCharacterTextSplitter({
  chunkSize: 1200,
  chunkOverlap: 150,
  separators: ['\n\n', '\n', '. ', '; ', ', ', ' ', ''],
});

export const isSupported = (file: string) =>
  (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(file).toLowerCase());

/** Parses any supported file into heading-aware chunks. Throws a readable Error for broken files. */
export async function parseDocument(file: string, bytes: Uint8Array): Promise<ParsedDocument> {
  const ext = extname(file).toLowerCase();
  const fallbackTitle = titleFromFileName(file);
  if (ext === '.pdf') return parsePdf(bytes, fallbackTitle);
  const text = new TextDecoder('utf-8').decode(bytes);
  if (ext === '.html' || ext === '.htm') return parseHtml(text, fallbackTitle);
  if (ext === '.md' || ext === '.markdown') return parseMarkdown(text, fallbackTitle);
  return parsePlainText(text, fallbackTitle);
}

/** Front matter (title, chapter, url), "# Title", one chunk per "## " section (### stays inside). */
export async function parseMarkdown(source: string, fallbackTitle: string): Promise<ParsedDocument> {
  const { data, content } = frontMatter(source);
  const lines = content.split('\n');
  let title = typeof data.title === 'string' ? data.title.trim() : '';
  const sections: { heading: string; lines: string[] }[] = [{ heading: '', lines: [] }];
  let inFence = false;
  for (const line of lines) {
    if (/^(```|~~~)/.test(line.trim())) inFence = !inFence;
    const h1 = !inFence && /^#\s+(.+?)\s*#*\s*$/.exec(line);
    const h2 = !inFence && /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (h1) {
      if (!title) title = h1[1]!;
      continue;
    }
    if (h2) {
      sections.push({ heading: h2[1]!, lines: [] });
      continue;
    }
    sections.at(-1)!.lines.push(line);
  }
  title ||= fallbackTitle;
  const chunks: ChunkDraft[] = [];
  for (const s of sections) {
    const body = tidyMarkdown(s.lines.join('\n'));
    if (!body) continue;
    const heading = s.heading || title;
    chunks.push(...(await splitSection(title, heading, body)));
  }
  const headings = new Set(chunks.map((c) => c.heading));
  return {
    title,
    url: typeof data.url === 'string' && data.url.trim() ? data.url.trim() : undefined,
    chapter: typeof data.chapter === 'string' ? data.chapter : undefined,
    chunks,
    entries: questionEntries(data.questions, headings),
  };
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * The `questions:` layer (format: scripts/check-knowledge-questions.mjs). Lenient: an entry that cannot be
 * answered or cited (no key, phrasing or answer, a section that is no heading) is skipped, not fatal; the
 * checker reports such mistakes to the authors.
 */
function questionEntries(raw: unknown, headings: Set<string>): EntryDraft[] {
  if (!Array.isArray(raw)) return [];
  const out: EntryDraft[] = [];
  const keys = new Set<string>();
  for (const q of raw) {
    if (!q || typeof q !== 'object') continue;
    const e = q as Record<string, unknown>;
    const key = text(e.id);
    const section = text(e.section);
    const answer = text(e.answer);
    const ask = Array.isArray(e.ask) ? [...new Set(e.ask.map(text).filter(Boolean))] : [];
    if (!key || keys.has(key) || !answer || !ask.length || !headings.has(section)) continue;
    keys.add(key);
    out.push({
      key,
      type: text(e.type) || 'was',
      section,
      ask,
      answer,
      answerEn: text(e.answer_en) || undefined,
      related: Array.isArray(e.related) ? e.related.map(text).filter(Boolean) : [],
    });
  }
  return out;
}

/**
 * Front matter: a "---" block at the very start – after a BOM, blank lines or indentation, which editors add –
 * closed by "---" or "..." and holding YAML keys. Anything else (a rule "---" opening the text, a block never
 * closed) is content, so no text is lost and no YAML line becomes a passage.
 */
function frontMatter(source: string): { data: Record<string, unknown>; content: string } {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const block = /^\s*---[ \t]*\n(?:([\s\S]*?)\n)?(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text);
  if (!block) return { data: {}, content: text };
  let data: unknown;
  try {
    data = matter(`---\n${block[1] ?? ''}\n---\n`).data;
  } catch (err) {
    throw new Error(`Front Matter ist kein gültiges YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) return { data: {}, content: text };
  return { data: data as Record<string, unknown>, content: text.slice(block[0].length) };
}

/** HTML → Markdown-like text with "#"/"##" headings, then the Markdown rules. */
export async function parseHtml(html: string, fallbackTitle: string): Promise<ParsedDocument> {
  const pageTitle = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim();
  const heading = (prefix: string) => ({
    format: 'prefixedHeading',
    options: { prefix, leadingLineBreaks: 2, trailingLineBreaks: 1 },
  });
  const text = convert(html, {
    wordwrap: false,
    formatters: {
      prefixedHeading(elem, walk, builder, options) {
        builder.openBlock({ leadingLineBreaks: options.leadingLineBreaks ?? 2 });
        builder.addInline(String(options.prefix ?? ''));
        walk(elem.children, builder);
        builder.closeBlock({ trailingLineBreaks: options.trailingLineBreaks ?? 1 });
      },
    },
    selectors: [
      { selector: 'h1', ...heading('# ') },
      { selector: 'h2', ...heading('## ') },
      { selector: 'h3', ...heading('### ') },
      { selector: 'h4', ...heading('#### ') },
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'nav', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
    ],
  });
  const doc = await parseMarkdown(text, pageTitle || fallbackTitle);
  if (pageTitle && !/^#\s/m.test(text)) doc.title = pageTitle;
  return doc;
}

/** Plain text: first short line as title when it looks like one, paragraphs packed into chunks. */
export async function parsePlainText(text: string, fallbackTitle: string): Promise<ParsedDocument> {
  const clean = text.replace(/\r\n?/g, '\n').trim();
  const firstLine = clean.split('\n', 1)[0]?.trim() ?? '';
  const looksLikeTitle = firstLine.length > 0 && firstLine.length <= 100 && !/[.!?:]$/.test(firstLine);
  const title = looksLikeTitle ? firstLine : fallbackTitle;
  const body = looksLikeTitle ? clean.slice(firstLine.length).trim() : clean;
  return { title, chunks: body ? await splitSection(title, title, tidyPlain(body)) : [] };
}

/** Text layer of a PDF (pdfjs legacy build, no worker), one chunk group per page. */
export async function parsePdf(bytes: Uint8Array, fallbackTitle: string): Promise<ParsedDocument> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let pdf: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    pdf = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      useSystemFonts: false,
      isEvalSupported: false,
      disableFontFace: true,
      verbosity: 0,
    }).promise;
  } catch (err) {
    throw new Error(`PDF konnte nicht gelesen werden: ${(err as Error).message}`);
  }
  try {
    const meta = await pdf.getMetadata().catch(() => undefined);
    const metaTitle = (meta?.info as { Title?: string } | undefined)?.Title?.trim();
    const title = metaTitle || fallbackTitle;
    const chunks: ChunkDraft[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      page.cleanup();
      const body = tidyPlain(text);
      if (body) chunks.push(...(await splitSection(title, `Seite ${n}`, body)));
    }
    return { title, chunks };
  } finally {
    await pdf.destroy();
  }
}

async function splitSection(title: string, heading: string, body: string): Promise<ChunkDraft[]> {
  const path = heading === title ? title : `${title} › ${heading}`;
  if (body.length <= MAX_SECTION_CHARS) return [{ title: path, heading, body }];
  const parts = await splitter.splitText(body);
  return parts.map((part, i) => ({
    title: parts.length > 1 ? `${path} (${i + 1}/${parts.length})` : path,
    heading,
    body: part.trim(),
  }));
}

function tidyMarkdown(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function tidyPlain(text: string): string {
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function titleFromFileName(file: string): string {
  const name = basename(file, extname(file)).replace(/[-_]+/g, ' ').trim();
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : 'Dokument';
}
