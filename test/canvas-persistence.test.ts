import { afterAll, describe, expect, it } from 'vitest';
import { sendDueReminders } from '../src/canvas/reminders.ts';
import { CanvasConflict, CanvasStore } from '../src/canvas/store.ts';
import type { Db } from '../src/db/index.ts';
import type { TestApp } from './support/app.ts';
import { automation, startTestApp } from './support/app.ts';
import { allText, button, choice, form, hasButton, SAMPLE } from './support/canvas.ts';
import { createTestDb } from './support/db.ts';

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const fn of cleanup.reverse()) await fn();
});

async function freshApp(db?: Db, env: Record<string, string> = {}): Promise<TestApp> {
  const app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000', ...env }, db);
  cleanup.push(() => app.close());
  return app;
}

describe('canvas: resume after a process restart', { timeout: 240_000 }, () => {
  it('"weiter" continues exactly where the user stopped, in a new process on the same database', async () => {
    const db = await createTestDb();
    cleanup.push(() => db.close());
    const first = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000' }, db);
    let r = await first.say('gina', 'canvas');
    r = await first.say('gina', SAMPLE.title);
    r = await first.say('gina', SAMPLE.goal);
    r = await first.say('gina', SAMPLE.situation);
    r = await first.say('gina', SAMPLE.stakeholders);
    r = await first.say('gina', SAMPLE.audience);
    r = await first.say('gina', SAMPLE.needs);
    r = await first.say('gina', SAMPLE.attitude);
    r = await first.say('gina', SAMPLE.medium);
    expect(r[0]!.choice?.id).toBe('canvas.samr'); // mid-step: medium answered, SAMR not yet chosen
    const staleChoice = choice(r, 'canvas.samr', 'Redefinition');
    await first.close();

    const second = await freshApp(db);
    // Free text right after the restart is still the answer to the current step (conversation state persisted).
    r = await second.say('gina', 'weiter');
    expect(allText(r)).toContain('Weiter geht’s mit „Kurzvideos für die Umrüstung an Linie 3“');
    expect(allText(r)).toContain('Schritt 8 von 10');
    expect(r[0]!.choice?.id).toBe('canvas.samr');
    // The choice from before the restart is still the current one: it is accepted.
    r = await second.say('gina', staleChoice);
    expect(allText(r)).toContain('Schritt 9 von 10');
    r = await second.say('gina', 'Drehbuch fertig; Ende April 2030; Frau Jansen');
    expect(allText(r)).toContain('30.04.2030: Drehbuch fertig – Frau Jansen');
    await second.close();

    const third = await freshApp(db);
    r = await third.say('gina', 'Pilotphase startet; KW 12 2030; Herr Yilmaz');
    expect(allText(r)).toContain('22.03.2030: Pilotphase startet – Herr Yilmaz');
    expect(allText(r)).toContain('30.04.2030: Drehbuch fertig');
    const md = allText(await third.say('gina', 'canvas exportieren'));
    for (const v of [SAMPLE.goal, SAMPLE.attitude, SAMPLE.medium]) expect(md).toContain(v);
    expect(md).toContain('SAMR-Stufe: Redefinition');
  });
});

describe('canvas: roadmap editing and milestone reminders', { timeout: 120_000 }, () => {
  it('changes and removes milestones and moves due reminders into the outbox once', async () => {
    const app = await freshApp();
    const u = 'hanna';
    let r = await app.say(u, 'neue canvas');
    r = await app.say(u, 'Roadmap-Test');
    for (let i = 2; i <= 8; i++) r = await app.say(u, button(r, 'canvas.skip'));
    expect(allText(r)).toContain('Schritt 9 von 10');
    r = await app.say(u, 'nur ein Satz ohne Trenner');
    expect(allText(r)).toContain('Bis wann soll „nur ein Satz ohne Trenner“ erledigt sein?');
    expect(form(r, 'canvas.saveMilestone').fields[0]!.value).toBe('nur ein Satz ohne Trenner');
    r = await app.say(u, 'Drehbuch; 30.02.2030; Jansen');
    expect(allText(r)).toContain('kein gültiges Datum');
    r = await app.say(u, 'Drehbuch; irgendwann; Jansen');
    expect(allText(r)).toContain('verstehe ich nicht als Datum');
    r = await app.say(u, 'Drehbuch; 15.03.2030; Jansen');
    r = await app.say(u, 'Dreh; 1.6.2030; Yilmaz');
    r = await app.say(u, button(r, 'canvas.editMilestone'));
    r = await app.say(u, choice(r, 'canvas.editPickedMilestone', 'Dreh –'));
    const edit = form(r, 'canvas.saveMilestone');
    expect(edit.fields.find((f) => f.id === 'when')!.value).toBe('01.06.2030');
    r = await app.say(u, {
      id: edit.id,
      fields: { what: 'Videodreh', when: 'Mitte Juni 2030', who: 'Yilmaz' },
    });
    expect(allText(r)).toContain('15.06.2030: Videodreh – Yilmaz');
    expect(allText(r)).not.toContain('01.06.2030');
    r = await app.say(u, 'Überflüssig; 1.7.2030; niemand');
    r = await app.say(u, button(r, 'canvas.removeMilestone'));
    r = await app.say(u, choice(r, 'canvas.removePickedMilestone', 'Überflüssig'));
    expect(allText(r)).toContain('Meilenstein „Überflüssig“ entfernt');
    expect(allText(r)).not.toMatch(/01\.07\.2030:/);
    r = await app.say(u, button(r, 'canvas.next'));
    r = await app.say(u, 'überspringen');
    r = await app.say(u, 'überspringen');
    r = await app.say(u, 'überspringen');
    expect(allText(r)).toContain('Offene Punkte');

    r = await app.say(u, button(r, 'canvas.remindersOn'));
    expect(allText(r)).toContain('4 Erinnerungen geplant');
    expect(hasButton(r, 'canvas.remindersOff')).toBe(true);
    // One week before the first milestone: exactly one reminder is due.
    const weekBefore = new Date('2030-03-08T09:30:00+01:00');
    expect(await sendDueReminders(app.services, weekBefore)).toBe(1);
    expect(await sendDueReminders(app.services, weekBefore)).toBe(0);
    const inbox = (await (
      await fetch(`${app.url}/api/local/users/${u}/inbox`, { headers: automation })
    ).json()) as {
      messages: { replies: { text: string }[] }[];
    };
    expect(inbox.messages).toHaveLength(1);
    expect(inbox.messages[0]!.replies[0]!.text).toContain(
      'Meilenstein **Drehbuch** aus Ihrer Canvas „Roadmap-Test“ ist am 15.03.2030 fällig',
    );
    // Changing a milestone re-plans its reminders; turning them off stops the rest.
    r = await app.say(u, button(r, 'canvas.remindersOff'));
    expect(allText(r)).toContain('ausgeschaltet');
    expect(await sendDueReminders(app.services, new Date('2030-12-31T00:00:00Z'))).toBe(0);
  });
});

describe('canvas: routing and language', { timeout: 120_000 }, () => {
  it('a question about the canvas is not a start; plain wishes are; English works', async () => {
    const app = await freshApp();
    let r = await app.say('ina', 'Was ist eine Canvas?');
    expect(allText(r)).not.toContain('Schritt 1 von 10');
    r = await app.say('ina', 'Ich möchte eine Canvas ausfüllen');
    expect(allText(r)).toContain('Schritt 1 von 10');
    r = await app.say('ina', 'pausieren');
    r = await app.say('ina', 'Ich will meine Canvas fortsetzen');
    expect(allText(r)).toContain('Weiter geht’s');
    r = await app.say('ina', 'Titel ändern');
    expect(allText(r)).toContain('Schritt 1 von 10 · Titel des Vorhabens');
    // Outside the flow, "… ändern" for something that is not a canvas field is not taken by the canvas.
    r = await app.say('ina', 'pausieren');
    r = await app.say('ina', 'termin ändern');
    expect(allText(r)).not.toContain('von 10');

    r = await app.say('jack', 'english');
    r = await app.say('jack', 'new canvas');
    expect(allText(r)).toContain('Step 1 of 10 · Project title');
    r = await app.say('jack', 'Operator videos');
    r = await app.say('jack', 'People should learn better');
    expect(allText(r)).toContain('How will you measure success?');
    r = await app.say('jack', button(r, 'canvas.keepGoal'));
    expect(allText(r)).toContain('Step 3 of 10');
  });
});

describe('canvas: two writers on the same canvas', { timeout: 120_000 }, () => {
  it('a change based on an outdated version is refused, not mixed in', async () => {
    const app = await freshApp();
    await app.say('kai', 'neue canvas');
    // A second instance on the same database: its own store, its own view of the canvas.
    const other = new CanvasStore(app.services.db);
    const id = (await other.listOwned('local:kai'))[0]!.id;
    const seenByOther = (await other.load(id))!;
    await app.say('kai', 'Titel aus dem Chat'); // the chat moves the canvas on
    await expect(
      other.update(seenByOther, { step: 5 }, { title: 'Titel von nebenan' }),
    ).rejects.toBeInstanceOf(CanvasConflict);
    const now = (await other.load(id))!;
    expect(now.fields.title).toBe('Titel aus dem Chat');
    expect(now.step).toBe(2);
    // Based on the current version, the change goes through.
    const updated = await other.update(now, { step: 3 });
    expect(updated.rev).toBe(now.rev + 1);
    // The chat reads the canvas fresh on every turn, so its next answer lands on the step the canvas is on now.
    const r = await app.say('kai', 'Papier-Handbücher und wenig Zeit');
    expect(r.map((x) => x.text).join('\n')).toContain('Schritt 4 von 10');
    expect((await other.load(id))!.fields.situation).toBe('Papier-Handbücher und wenig Zeit');
  });
});
