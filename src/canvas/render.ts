import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts, PDFDocument, type SKRSContext2D } from '@napi-rs/canvas';
import { type Locale, pick } from '../core/i18n.ts';
import { dayIn, formatDate } from './dates.ts';
import { LEARNING_QUESTIONS, SAMR_FIELD, STEPS, type StepId } from './definition.ts';
import { samrLabel } from './markdown.ts';
import type { Canvas } from './store.ts';

/**
 * The one-page picture of a canvas, laid out in boxes like a business-model canvas (A4 landscape at
 * 150 dpi). No browser and no system fonts: DejaVu Sans ships as an npm package and covers German.
 */
export const PAGE = { width: 1754, height: 1240 };

const FONT = 'LoDiLe DejaVu Sans';
const FONT_BOLD = 'LoDiLe DejaVu Sans Bold';
let fontsReady = false;

function registerFonts(): void {
  if (fontsReady) return;
  const require = createRequire(import.meta.url);
  GlobalFonts.registerFromPath(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), FONT);
  GlobalFonts.registerFromPath(require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'), FONT_BOLD);
  fontsReady = true;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  heading: string;
  body: string;
  tint: string;
}

const M = 40;
const GAP = 12;

export async function renderCanvasPng(canvas: Canvas, locale: Locale, timeZone: string): Promise<Buffer> {
  registerFonts();
  const page = createCanvas(PAGE.width, PAGE.height);
  draw(page.getContext('2d'), canvas, locale, timeZone);
  return page.encode('png');
}

/** The same page as a vector PDF (A4 landscape, 842 × 595 pt) with selectable, searchable text. */
export function renderCanvasPdf(canvas: Canvas, locale: Locale, timeZone: string): Buffer {
  registerFonts();
  const doc = new PDFDocument({ title: `Digital Learning Canvas: ${canvas.title}`, creator: 'LoDiLe-Bot' });
  const g = doc.beginPage(842, 595) as unknown as SKRSContext2D;
  g.scale(842 / PAGE.width, 595 / PAGE.height);
  draw(g, canvas, locale, timeZone);
  doc.endPage();
  return doc.close();
}

function draw(g: SKRSContext2D, canvas: Canvas, locale: Locale, timeZone: string): void {
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, PAGE.width, PAGE.height);

  // Header
  g.fillStyle = '#1f4e79';
  g.font = `16px "${FONT_BOLD}"`;
  g.fillText('DIGITAL LEARNING CANVAS', M, M + 14);
  g.fillStyle = '#111111';
  const titleLines = wrap(g, canvas.title, PAGE.width - 2 * M - 360, `30px "${FONT_BOLD}"`);
  g.font = `30px "${FONT_BOLD}"`;
  g.fillText(ellipsis(g, titleLines[0] ?? '', PAGE.width - 2 * M - 360), M, M + 54);
  g.font = `15px "${FONT}"`;
  g.fillStyle = '#555555';
  const stamp = `${locale === 'en' ? 'As of' : 'Stand'}: ${formatDate(dayIn(canvas.updatedAt, timeZone), locale)}`;
  g.textAlign = 'right';
  g.fillText(stamp, PAGE.width - M, M + 14);
  g.fillText('LoDiLe-Bot', PAGE.width - M, M + 54);
  g.textAlign = 'left';

  const field = (id: StepId) => canvas.fields[id] ?? '';
  const heading = (id: StepId) => {
    const n = STEPS.findIndex((s) => s.id === id) + 1;
    return `${n}  ${pick(locale, STEPS[n - 1]!.title)}`;
  };
  const innerW = PAGE.width - 2 * M;
  const goalY = M + 80;
  const goalH = 150;
  const mainY = goalY + goalH + GAP;
  const mainH = 470;
  const lowY = mainY + mainH + GAP;
  const lowH = PAGE.height - M - 20 - lowY;
  const colW = (innerW - 4 * GAP) / 5;
  const col = (i: number) => M + i * (colW + GAP);
  const halfH = (mainH - GAP) / 2;

  const samr = samrLabel(canvas.fields[SAMR_FIELD], locale);
  const medium = [field('medium'), samr ? `SAMR: ${samr}` : ''].filter(Boolean).join('\n\n');
  const roadmap = canvas.milestones
    .map((m) => `${formatDate(m.due, locale)} · ${m.what}${m.who ? ` · ${m.who}` : ''}`)
    .join('\n');
  const learnings = LEARNING_QUESTIONS.filter((q) => canvas.fields[q.field])
    .map((q) => `${pick(locale, q.short)}: ${canvas.fields[q.field]}`)
    .join('\n\n');

  const boxes: Box[] = [
    { x: M, y: goalY, w: innerW, h: goalH, heading: heading('goal'), body: field('goal'), tint: '#e8f1fb' },
    {
      x: col(0),
      y: mainY,
      w: colW,
      h: mainH,
      heading: heading('situation'),
      body: field('situation'),
      tint: '#f5f5f5',
    },
    {
      x: col(1),
      y: mainY,
      w: colW,
      h: mainH,
      heading: heading('stakeholders'),
      body: field('stakeholders'),
      tint: '#f5f5f5',
    },
    {
      x: col(2),
      y: mainY,
      w: colW,
      h: halfH,
      heading: heading('audience'),
      body: field('audience'),
      tint: '#fff6e5',
    },
    {
      x: col(2),
      y: mainY + halfH + GAP,
      w: colW,
      h: halfH,
      heading: heading('needs'),
      body: field('needs'),
      tint: '#fff6e5',
    },
    {
      x: col(3),
      y: mainY,
      w: colW,
      h: mainH,
      heading: heading('attitude'),
      body: field('attitude'),
      tint: '#fff6e5',
    },
    { x: col(4), y: mainY, w: colW, h: mainH, heading: heading('medium'), body: medium, tint: '#eaf6ec' },
    {
      x: M,
      y: lowY,
      w: innerW * 0.6 - GAP / 2,
      h: lowH,
      heading: heading('roadmap'),
      body: roadmap,
      tint: '#e8f1fb',
    },
    {
      x: M + innerW * 0.6 + GAP / 2,
      y: lowY,
      w: innerW * 0.4 - GAP / 2,
      h: lowH,
      heading: heading('learnings'),
      body: learnings,
      tint: '#f3ecf8',
    },
  ];
  const empty = locale === 'en' ? '(open)' : '(offen)';
  for (const box of boxes) drawBox(g, box, empty);

  g.font = `12px "${FONT}"`;
  g.fillStyle = '#777777';
  g.fillText(
    locale === 'en'
      ? 'Digital Learning Canvas based on the Business Model Canvas (Osterwalder) · project CoDiCLUST'
      : 'Digital Learning Canvas, angelehnt an das Business Model Canvas (Osterwalder) · Projekt CoDiCLUST',
    M,
    PAGE.height - M + 10,
  );
}

function drawBox(g: SKRSContext2D, box: Box, empty: string): void {
  g.fillStyle = box.tint;
  g.fillRect(box.x, box.y, box.w, box.h);
  g.strokeStyle = '#9aa7b4';
  g.lineWidth = 1.5;
  g.strokeRect(box.x, box.y, box.w, box.h);
  const pad = 14;
  const width = box.w - 2 * pad;
  // Headings wrap onto a second line in the narrow columns rather than being cut.
  const headingFont = `16px "${FONT_BOLD}"`;
  const headingLines = wrap(g, box.heading, width, headingFont).slice(0, 2);
  g.fillStyle = '#1f4e79';
  g.font = headingFont;
  headingLines.forEach((line, i) => {
    g.fillText(ellipsis(g, line, width), box.x + pad, box.y + pad + 14 + i * 20);
  });
  const top = box.y + pad + 30 + (headingLines.length - 1) * 20;
  const height = box.y + box.h - pad - top;
  if (!box.body.trim()) {
    g.fillStyle = '#999999';
    g.font = `italic 15px "${FONT}"`;
    g.fillText(empty, box.x + pad, top + 16);
    return;
  }
  g.fillStyle = '#222222';
  // Largest font size at which the whole text fits; at the smallest size, cut with an ellipsis.
  for (let size = 18; size >= 11; size--) {
    const font = `${size}px "${FONT}"`;
    const lineH = Math.round(size * 1.3);
    const lines = wrap(g, box.body, width, font);
    const fits = lines.length * lineH <= height;
    if (fits || size === 11) {
      g.font = font;
      const max = Math.floor(height / lineH);
      const shown = lines.slice(0, max);
      if (!fits && shown.length) shown[shown.length - 1] = ellipsis(g, `${shown[shown.length - 1]} …`, width);
      shown.forEach((line, i) => {
        g.fillText(line, box.x + pad, top + size + i * lineH);
      });
      return;
    }
  }
}

/** Breaks text into lines no wider than width; keeps paragraph breaks, splits over-long words. */
export function wrap(g: SKRSContext2D, text: string, width: number, font: string): string[] {
  g.font = font;
  const lines: string[] = [];
  for (const paragraph of text.split(/\n/)) {
    if (!paragraph.trim()) {
      lines.push('');
      continue;
    }
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (g.measureText(candidate).width <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (g.measureText(rest).width > width) {
        let cut = rest.length - 1;
        while (cut > 1 && g.measureText(`${rest.slice(0, cut)}-`).width > width) cut--;
        lines.push(`${rest.slice(0, cut)}-`);
        rest = rest.slice(cut);
      }
      line = rest;
    }
    if (line) lines.push(line);
  }
  return lines;
}

function ellipsis(g: SKRSContext2D, text: string, width: number): string {
  if (g.measureText(text).width <= width) return text;
  let s = text;
  while (s.length > 1 && g.measureText(`${s}…`).width > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}
