/**
 * Our simple Markdown (reply.ts) → Slack mrkdwn. Everything is escaped first (&, <, >), so text a user typed
 * and the bot echoes can never become a mention (<!channel>), a user link or a fake link; only the links
 * we build from [text](url) become <url|text>.
 */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const SAFE_URL = /^(https?:\/\/|mailto:)[^\s]+$/i;

export function toMrkdwn(markdown: string): string {
  const codeSpans: string[] = [];
  // Code spans keep their content literally (escaped, but no bold/italic conversion).
  let s = escapeMrkdwn(markdown).replace(/`([^`\n]+)`/g, (_m, code: string) => {
    codeSpans.push(code);
    return `\uE000${codeSpans.length - 1}\uE000`;
  });
  s = s.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (m, label: string, url: string) => {
    const raw = url.replace(/&amp;/g, '&');
    if (!SAFE_URL.test(raw)) return m;
    return `<${url.replace(/\|/g, '%7C')}|${label.replace(/\|/g, '¦')}>`;
  });
  s = tablesToLines(s.split('\n'))
    .map((line) => {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      if (heading) return `\uE001${stripBold(heading[1]!)}\uE001`;
      return line.replace(/^(\s*)[-*+]\s+/, '$1• ');
    })
    .join('\n');
  // **bold** / __bold__ → *bold*; a single *italic* → _italic_ (after bold, so ** is gone by then).
  s = s
    .replace(/\*\*(?=\S)([^*\n]*?\S)\*\*/g, '\uE001$1\uE001')
    .replace(/__(?=\S)([^_\n]*?\S)__/g, '\uE001$1\uE001');
  s = s.replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1_$2_');
  s = s.replace(/\uE001/g, '*');
  return s.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => `\`${codeSpans[Number(i)]}\``);
}

/**
 * Slack has no tables: a Markdown table becomes one line per row, cells joined with " · ", the header bold;
 * the |---| separator row disappears.
 */
function tablesToLines(lines: string[]): string[] {
  const isRow = (l: string) => /^\s*\|.*\|\s*$/.test(l);
  const isSeparator = (l: string) => /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(l);
  const cells = (l: string) =>
    l
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((c) => c.trim());
  return lines.flatMap((line, i) => {
    if (!isRow(line)) return [line];
    if (isSeparator(line)) return [];
    const row = cells(line).filter(Boolean).join(' · ');
    const header = i + 1 < lines.length && isSeparator(lines[i + 1]!);
    return [header ? `**${row}**` : row];
  });
}

function stripBold(s: string): string {
  return s.replace(/\*\*/g, '');
}

/**
 * Plain one-line text for notifications and fallbacks: Markdown marks removed, shortened to max characters,
 * then escaped for mrkdwn (shortening first, so an escape like &amp; is never cut).
 */
export function toPlain(markdown: string, max = Number.POSITIVE_INFINITY): string {
  const plain = markdown
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
  return escapeMrkdwn(truncate(plain, max));
}

/**
 * Splits text into pieces of at most `max` characters: at paragraph breaks, then lines, then spaces;
 * a single over-long word is cut hard. Pieces are never empty.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf('\n\n');
    if (cut < max / 3) cut = window.lastIndexOf('\n');
    if (cut < max / 3) cut = window.lastIndexOf(' ');
    if (cut < max / 3) cut = max;
    // Never cut inside an escape like &amp; or a <url|label> link.
    cut = safeCut(rest, cut);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces.filter(Boolean);
}

function safeCut(s: string, cut: number): number {
  let safe = cut;
  const amp = s.lastIndexOf('&', safe - 1);
  if (amp > 0 && amp > safe - 6 && s.indexOf(';', amp) >= safe) safe = amp;
  const open = s.lastIndexOf('<', safe - 1);
  if (open > 0 && s.indexOf('>', open) >= safe) safe = open;
  // A surrogate pair (emoji) stays whole.
  if (/[\uD800-\uDBFF]/.test(s.charAt(safe - 1))) safe--;
  return safe > 0 ? safe : cut;
}

/** Shortens to max characters with an ellipsis. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  let head = s.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return `${head}…`;
}
