/**
 * Draws the two Teams app icons once (they are committed): infra/teams/color.png (192×192, full colour)
 * and infra/teams/outline.png (32×32, white on transparent, as Teams requires).
 * Run: node --import tsx scripts/teams-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';

const OUT = fileURLToPath(new URL('../infra/teams/', import.meta.url));
const TEAL = '#0f6e7d';
const LIGHT = '#f4b942';

/** A speech bubble with a tail at the lower left: the bot's shape. */
function bubble(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, r: number, tail: number) {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.lineTo(x + w - r, y);
  ctx.quadraticCurveTo(x + w, y, x + w, y + r);
  ctx.lineTo(x + w, y + h - r);
  ctx.quadraticCurveTo(x + w, y + h, x + w - r, y + h);
  ctx.lineTo(x + r + tail * 1.6, y + h);
  ctx.lineTo(x + r * 0.4, y + h + tail);
  ctx.lineTo(x + r + tail * 0.4, y + h);
  ctx.lineTo(x + r, y + h);
  ctx.quadraticCurveTo(x, y + h, x, y + h - r);
  ctx.lineTo(x, y + r);
  ctx.quadraticCurveTo(x, y, x + r, y);
  ctx.closePath();
}

function color(): Buffer {
  const size = 192;
  const c = createCanvas(size, size);
  const ctx = c.getContext('2d');
  ctx.fillStyle = TEAL;
  ctx.fillRect(0, 0, size, size);
  ctx.fillStyle = '#ffffff';
  bubble(ctx, 30, 34, 132, 100, 24, 26);
  ctx.fill();
  ctx.fillStyle = TEAL;
  ctx.font = 'bold 64px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('L', 80, 86);
  ctx.fillStyle = LIGHT;
  ctx.beginPath();
  ctx.arc(124, 86, 14, 0, Math.PI * 2);
  ctx.fill();
  return c.toBuffer('image/png');
}

function outline(): Buffer {
  const size = 32;
  const c = createCanvas(size, size);
  const ctx = c.getContext('2d');
  ctx.strokeStyle = '#ffffff';
  ctx.fillStyle = '#ffffff';
  ctx.lineWidth = 2;
  bubble(ctx, 4, 5, 24, 17, 4, 5);
  ctx.stroke();
  ctx.font = 'bold 12px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('L', 13, 14);
  ctx.beginPath();
  ctx.arc(21, 14, 2.2, 0, Math.PI * 2);
  ctx.fill();
  return c.toBuffer('image/png');
}

writeFileSync(`${OUT}color.png`, color());
writeFileSync(`${OUT}outline.png`, outline());
console.log(`Icons written to ${OUT}`);
