import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automation, startTestApp, type TestApp } from './support/app.ts';
import { button, completeCanvas, form, SAMPLE } from './support/canvas.ts';

describe('canvas data under "meine Daten"', { timeout: 120_000 }, () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000' });
  }, 180_000);
  afterAll(async () => app?.close());

  it('exports the canvases with answers and milestones, and erases them with the user', async () => {
    const summary = await completeCanvas(app, 'lena');
    const id = button(summary, 'canvas.export').value!;
    const shareForm = form(await app.say('lena', button(summary, 'canvas.share')), 'canvas.shareWith');
    await app.say('lena', { id: shareForm.id, fields: { with: 'local:coach9' } });

    const [exported] = await app.say('lena', { id: 'privacy.export' });
    const json = await (await fetch(`${app.url}${exported!.files![0]!.url}`, { headers: automation })).json();
    const canvases = json.data['Digital Learning Canvases'];
    expect(canvases[0].title).toBe(SAMPLE.title);
    expect(canvases[0].fields.goal).toBe(SAMPLE.goal);
    expect(canvases[0].milestones[0].what).toBe('Drehbuch fertig');
    expect(canvases[0].shared_with).toEqual(['local:coach9']);

    const [ask] = await app.say('lena', { id: 'privacy.erase' });
    const confirm = ask!.actions!.find((a) => a.id === 'privacy.confirmErase')!;
    const [done] = await app.say('lena', { id: confirm.id, value: confirm.value });
    expect(done!.text).toMatch(/alle Daten gelöscht/);
    for (const table of ['canvases', 'canvas_fields', 'canvas_milestones', 'canvas_shares']) {
      const { rowCount } = await app.services.db.query(`SELECT 1 FROM ${table}`);
      expect(rowCount, table).toBe(0);
    }
    expect(await app.canvases.markdown(id, 'local:coach9')).toBeUndefined();
  });
});
