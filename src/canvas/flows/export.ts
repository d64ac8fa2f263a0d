import type { TurnContext } from '../../core/context.ts';
import type { Reply } from '../../core/reply.ts';
import { toMarkdown } from '../markdown.ts';
import { canvasText } from '../messages/index.ts';
import { renderCanvasPdf, renderCanvasPng } from '../render.ts';
import { type FlowDeps, notFound, zone } from './common.ts';

// Exports of a canvas: Markdown, and the one-page image as PNG or PDF.

// --- outputs and sharing ---

export async function exportMarkdown(
  d: FlowDeps,
  ctx: TurnContext,
  id: string | undefined,
): Promise<Reply[]> {
  const opened = id ? await d.store.open(id, ctx.user.key) : undefined;
  if (!opened) return notFound(ctx);
  const md = toMarkdown(opened.canvas, ctx.locale, zone(ctx));
  const file = await ctx.services.files.save(
    ctx.user.key,
    `${fileName(opened.canvas.title)}.md`,
    'text/markdown; charset=utf-8',
    md,
  );
  return [{ text: md, files: [file] }];
}

export async function exportPicture(
  d: FlowDeps,
  ctx: TurnContext,
  id: string | undefined,
  format: 'png' | 'pdf',
): Promise<Reply[]> {
  const opened = id ? await d.store.open(id, ctx.user.key) : undefined;
  if (!opened) return notFound(ctx);
  const c = opened.canvas;
  const file =
    format === 'png'
      ? await ctx.services.files.save(
          ctx.user.key,
          `${fileName(c.title)}.png`,
          'image/png',
          await renderCanvasPng(c, ctx.locale, zone(ctx)),
        )
      : await ctx.services.files.save(
          ctx.user.key,
          `${fileName(c.title)}.pdf`,
          'application/pdf',
          renderCanvasPdf(c, ctx.locale, zone(ctx)),
        );
  return [
    {
      text: canvasText(ctx, 'export.picture', { title: c.title, format }),
      files: [file],
    },
  ];
}

export const fileName = (title: string) =>
  `canvas-${
    title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .slice(0, 60) || 'export'
  }`;
