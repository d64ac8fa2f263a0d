import { createCanvas, loadImage } from '@napi-rs/canvas';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildTeamsPackage, PackageError } from '../scripts/teams-package.ts';

const APP_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

async function pixels(png: Buffer) {
  const img = await loadImage(png);
  const c = createCanvas(img.width, img.height);
  const ctx = c.getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

describe('Teams app package', () => {
  it('zips a manifest with the bot id, HTTPS domain, scopes and commands, plus both icons', async () => {
    const zip = await JSZip.loadAsync(
      await buildTeamsPackage({ MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: 'https://lodile.example.org/' }),
    );
    expect(Object.keys(zip.files).sort()).toEqual([
      'color.png',
      'en-us.json',
      'manifest.json',
      'outline.png',
    ]);
    const raw = await zip.file('manifest.json')!.async('string');
    expect(raw).not.toContain('${{');
    const m = JSON.parse(raw);
    expect(Number(m.manifestVersion)).toBeGreaterThanOrEqual(1.17);
    expect(m.id).toBe(APP_ID);
    expect(m.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(m.developer.websiteUrl).toBe('https://lodile.example.org');
    expect(m.validDomains).toEqual(['lodile.example.org']);
    const bot = m.bots[0];
    expect(bot.botId).toBe(APP_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    const commands = bot.commandLists[0].commands as { title: string; description: string }[];
    expect(commands.map((c) => c.title)).toContain('hilfe');
    // Limits Teams enforces on upload.
    expect(m.name.short.length).toBeLessThanOrEqual(30);
    expect(m.name.full.length).toBeLessThanOrEqual(100);
    expect(m.description.short.length).toBeLessThanOrEqual(80);
    expect(m.description.full.length).toBeLessThanOrEqual(4000);
    for (const c of commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
    const en = JSON.parse(await zip.file('en-us.json')!.async('string'));
    expect(en['description.short'].length).toBeLessThanOrEqual(80);
    expect(Object.keys(en).filter((k) => k.startsWith('bots[0]')).length).toBe(commands.length * 2);
  });

  it('has a 192×192 colour icon and a 32×32 outline icon that is only white on transparent', async () => {
    const zip = await JSZip.loadAsync(
      await buildTeamsPackage({ MICROSOFT_APP_ID: APP_ID, PUBLIC_URL: 'https://lodile.example.org' }),
    );
    const color = await pixels(await zip.file('color.png')!.async('nodebuffer'));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = await pixels(await zip.file('outline.png')!.async('nodebuffer'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let visible = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = [
        outline.data[i]!,
        outline.data[i + 1]!,
        outline.data[i + 2]!,
        outline.data[i + 3]!,
      ];
      if (a === 0) continue;
      visible++;
      expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(50);
  });

  it('refuses to build without the app id or an HTTPS public URL, naming both', async () => {
    await expect(buildTeamsPackage({ PUBLIC_URL: 'http://localhost:3978' })).rejects.toThrow(PackageError);
    await expect(buildTeamsPackage({ PUBLIC_URL: 'http://localhost:3978' })).rejects.toThrow(
      /MICROSOFT_APP_ID[\s\S]*PUBLIC_URL/,
    );
  });
});
