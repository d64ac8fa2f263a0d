import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type WireReply } from './support/app.ts';
import { allText, button, choice, form } from './support/canvas.ts';

/**
 * The canvas's action table: buttons already sent in Slack and Teams with the older ids and values
 * ("canvas.msaccept", "canvas.mssave:<canvas>:new", "<canvas>:<rev>") keep working next to the new ones.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000' });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

/** A new canvas walked to the roadmap (step 9) with the steps before skipped. */
async function toRoadmap(user: string): Promise<WireReply[]> {
  let r = await app.say(user, 'neue canvas');
  r = await app.say(user, 'Aliase');
  for (let i = 2; i < 9; i++) r = await app.say(user, 'überspringen');
  expect(allText(r)).toContain('Schritt 9 von 10');
  return r;
}

/** Canvas and revision from the packed value of a step button. */
const tokenOf = (r: WireReply[]) =>
  JSON.parse(button(r, 'canvas.skip').value!) as { canvas: string; rev: number };

describe('canvas actions: old button ids and values', { timeout: 120_000 }, () => {
  it('the old milestone form id, "msedit", "mseditpick" and "<canvas>:<rev>" values still work', async () => {
    const u = 'alias-1';
    let r = await toRoadmap(u);
    const { canvas } = tokenOf(r);
    r = await app.say(u, {
      id: `canvas.mssave:${canvas}:new`,
      fields: { what: 'Drehbuch fertig', when: '15.03.2030', who: 'Frau Jansen' },
    });
    expect(allText(r)).toContain('Meilenstein „Drehbuch fertig“ bis 15.03.2030');
    r = await app.say(u, { id: 'canvas.msedit', value: canvas });
    const picked = choice(r, 'canvas.editPickedMilestone', 'Drehbuch');
    const { milestone } = JSON.parse(picked.value) as { milestone: string };
    r = await app.say(u, { id: 'canvas.mseditpick', value: `${canvas}:${milestone}` });
    expect(form(r, 'canvas.saveMilestone').id).toBe(`canvas.saveMilestone:${canvas}:${milestone}`);
    const { rev } = tokenOf(r);
    r = await app.say(u, { id: 'canvas.back', value: `${canvas}:${rev}` });
    expect(allText(r)).toContain('Schritt 8 von 10');
    // A stale old-style value changes nothing and says so.
    r = await app.say(u, { id: 'canvas.skip', value: `${canvas}:${rev}` });
    expect(allText(r)).toContain('älteren Nachricht');
    expect(allText(r)).toContain('Schritt 8 von 10');
  });

  it('a proposal answered with the old "msaccept" id is saved', async () => {
    const u = 'alias-2';
    await toRoadmap(u);
    let r = await app.say(u, 'Pilot bis Ende Mai in der Frühschicht');
    const accept = button(r, 'canvas.acceptMilestone');
    r = await app.say(u, { id: 'canvas.msaccept', value: accept.value });
    expect(allText(r)).toContain('Gespeichert');
    expect(allText(r)).toContain('Pilot in der Frühschicht');
  });

  it('an unknown canvas action ends as "button no longer valid" with the main menu', async () => {
    const r = await app.say('alias-3', { id: 'canvas.nonsense', value: 'x' });
    expect(r[0]!.actions?.map((a) => a.id)).toEqual(['knowledge.ask', 'canvas.start', 'booking.start']);
  });
});
