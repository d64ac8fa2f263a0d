/**
 * Markdown that the reply model does not have (headings, tables) turned into what it has (bold lines,
 * list items), so knowledge articles, coach answers and model output read the same in every channel.
 */

const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;

export const isTableRow = (line: string) => TABLE_ROW.test(line);
// A separator needs a pipe: a lone "---" is a rule or front matter, not a table.
export const isTableSeparator = (line: string) => TABLE_SEPARATOR.test(line) && line.includes('|');

/** The heading text of a "## …" line, or undefined. */
export function headingText(line: string): string | undefined {
  return HEADING.exec(line)?.[1];
}

export function tableCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
}

/** One table row as a line of text: "Format: Stammtisch, Rhythmus: monatlich" (plain cells without header). */
export function tableRowText(cells: string[], header?: string[]): string {
  const parts = cells
    .map((cell, i) => {
      if (!cell) return '';
      const name = header?.[i]?.trim();
      return name && name !== cell ? `${name}: ${cell}` : cell;
    })
    .filter(Boolean);
  return parts.join(header ? ', ' : ' – ');
}

/**
 * Walks the lines of a text and hands each table row over as readable text together with its header;
 * separator rows and header rows disappear. Other lines pass through unchanged.
 */
export function mapTables(lines: string[], row: (text: string) => string): string[] {
  const out: string[] = [];
  let header: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!isTableRow(line) && !isTableSeparator(line)) {
      header = undefined;
      out.push(line);
      continue;
    }
    if (isTableSeparator(line)) continue;
    const next = lines[i + 1];
    if (next !== undefined && isTableSeparator(next)) {
      header = tableCells(line);
      continue;
    }
    const text = tableRowText(tableCells(line), header);
    if (text) out.push(row(text));
  }
  return out;
}

/** Images cannot be shown in a text reply; their alt text is no sentence either. */
export const withoutImages = (s: string) => s.replace(/!\[[^\]\n]*\]\([^)\s]*\)/g, '');

/**
 * Headings become bold lines, table rows list items; images and quote marks go. Everything else (bold,
 * italic, lists, links) stays: every channel renders it.
 */
export function readableMarkdown(text: string): string {
  const lines = mapTables(text.replace(/\r\n?/g, '\n').split('\n'), (row) => `- ${row}`);
  return lines
    .map((line) => {
      const heading = headingText(line);
      if (heading !== undefined) return `**${heading.replace(/\*\*/g, '')}**`;
      return withoutImages(line).replace(/^(\s*)>\s?/, '$1');
    })
    .join('\n');
}
