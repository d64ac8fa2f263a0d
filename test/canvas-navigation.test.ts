import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from './support/app.ts';
import { automation, startTestApp } from './support/app.ts';
import { allText, button, choice, completeCanvas, form, hasButton, SAMPLE } from './support/canvas.ts';

let app: TestApp;
// Many turns per user within a minute: lift the per-user rate limit, which is not under test here.
beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000' });
}, 180_000);
afterAll(async () => {
  await app?.close();
});

describe('canvas: back, skip, edit, limits', { timeout: 120_000 }, () => {
  it('goes back, skips, lists skipped fields as open points and changes a field later', async () => {
    const u = 'carla';
    let r = await app.say(u, 'canvas starten');
    r = await app.say(u, 'Schulungsvideos Montage');
    r = await app.say(u, button(r, 'canvas.skip'));
    expect(allText(r)).toContain('Schritt 3 von 10');
    r = await app.say(u, 'zurück');
    expect(allText(r)).toContain('Schritt 2 von 10');
    r = await app.say(u, button(r, 'canvas.back'));
    expect(allText(r)).toContain('Schritt 1 von 10');
    expect(allText(r)).toContain('Bisher: „Schulungsvideos Montage“');
    r = await app.say(u, button(r, 'canvas.skip'));
    expect(allText(r)).toContain('Schritt 2 von 10');
    // Skip everything else.
    for (let i = 2; i <= 9; i++) r = await app.say(u, 'überspringen');
    expect(allText(r)).toContain('Schritt 10 von 10');
    for (let i = 0; i < 3; i++) r = await app.say(u, button(r, 'canvas.skip'));
    const card = allText(r);
    expect(card).toContain('Offene Punkte');
    expect(card).toMatch(
      /Offene Punkte:\*\* Ziel, Ausgangssituation, Stakeholder\*innen.*Roadmap, Learnings/,
    );
    expect(card).toContain('Schulungsvideos Montage');

    // "Ziel ändern" jumps to the goal; answering returns to the summary, the goal no longer open.
    r = await app.say(u, 'Ziel ändern');
    expect(allText(r)).toContain('Schritt 2 von 10 · Ziel der Initiative');
    r = await app.say(u, SAMPLE.goal);
    expect(allText(r)).toContain('Hier ist der aktuelle Stand');
    expect(allText(r)).not.toMatch(/Offene Punkte:\*\* Ziel,/);
    expect(allText(r)).toContain('Rückfragen an die Schichtleitung');
    // The field choice on the summary card works too.
    r = await app.say(u, choice(r, 'canvas.edit', 'Lern-Zielgruppe'));
    expect(allText(r)).toContain('Schritt 5 von 10 · Lern-Zielgruppe');
    r = await app.say(u, SAMPLE.audience);
    expect(allText(r)).toContain('Dreischichtbetrieb');
    expect(allText(r)).toContain('Hier ist der aktuelle Stand');
  });

  it('answers empty, too long, question and unknown-command inputs clearly and loses nothing', async () => {
    const u = 'dora';
    let r = await app.say(u, 'neue canvas');
    r = await app.say(u, '...');
    expect(allText(r)).toContain('leer oder zu kurz');
    expect(allText(r)).toContain('Schritt 1 von 10');
    r = await app.say(u, { id: 'canvas.next', value: 'kaputt' });
    expect(allText(r)).toContain('gibt es nicht');

    r = await app.say(u, '/foo bar');
    expect(allText(r)).toContain('Den Befehl „/foo“ kenne ich hier nicht');
    expect(allText(r)).toContain('Schritt 1 von 10');

    r = await app.say(u, 'Lernvideos');
    // Small talk is said to the bot, not written into the canvas.
    r = await app.say(u, 'Danke!');
    expect(allText(r)).toContain('Gern geschehen');
    expect(allText(r)).toContain('Schritt 2 von 10');
    r = await app.say(u, 'ok');
    expect(allText(r)).toContain('Schritt 2 von 10');
    expect(allText(r)).not.toContain('Gespeichert');
    const long = `${'Die Ausgangslage ist kompliziert. '.repeat(70)}Das Ende.`;
    expect(long.length).toBeGreaterThan(2000);
    r = await app.say(u, long);
    expect(allText(r)).toContain(`Ihre Antwort hat ${long.length} Zeichen`);
    expect(allText(r)).toContain('nichts verloren');
    expect(allText(r)).toContain('Das Ende.');
    r = await app.say(u, button(r, 'canvas.useDraft'));
    const md = allText(await app.say(u, 'canvas exportieren'));
    expect(md).toContain('Die Ausgangslage ist kompliziert.');
    expect(md).not.toContain('Das Ende.');
    expect(md).not.toMatch(/Danke|\bok\b/);

    // A question inside the flow gets an answer and the step again instead of being stored; it can still
    // be saved as the answer.
    r = await app.say(u, 'weiter');
    expect(allText(r)).toContain('Weiter geht’s');
    const stepBefore = /Schritt (\d+) von 10/.exec(allText(r))![1];
    r = await app.say(u, 'Was ist hier gemeint?');
    expect(allText(r)).toContain('nicht als Antwort gespeichert');
    expect(allText(r)).toContain(`Schritt ${stepBefore} von 10`);
    expect(allText(r)).toContain('Beispiel:');
    r = await app.say(u, button(r, 'canvas.useDraft'));
    expect(allText(r)).toContain('Gespeichert');

    // Hilfe button without a knowledge base: the step's own explanation and example.
    r = await app.say(u, button(r, 'canvas.help'));
    expect(allText(r)).toContain('Beispiel:');

    // "hilfe" inside a step helps with that step; "menü" still shows the general overview.
    r = await app.say(u, 'hilfe');
    expect(allText(r)).toContain('Hilfe zu diesem Schritt');
    expect(allText(r)).toContain('Beispiel:');
    r = await app.say(u, 'menü');
    expect(allText(r)).toContain('So sprechen Sie mit mir');

    // Saying goodbye pauses the canvas; "weiter" brings it back.
    r = await app.say(u, 'Tschüss!');
    expect(allText(r)).toMatch(/^Pausiert\. .* gespeichert/);
  });
});

describe('canvas: stale buttons', { timeout: 120_000 }, () => {
  it('an old button does not change anything and shows where the user really is', async () => {
    const u = 'emil';
    let r = await app.say(u, 'neue canvas');
    r = await app.say(u, 'Titel A');
    const oldSkip = button(r, 'canvas.skip'); // on step 2
    const oldBack = button(r, 'canvas.back');
    r = await app.say(u, SAMPLE.goal); // now step 3
    expect(allText(r)).toContain('Schritt 3 von 10');
    r = await app.say(u, oldSkip);
    expect(allText(r)).toContain('älteren Nachricht');
    expect(allText(r)).toContain('Schritt 3 von 10');
    r = await app.say(u, oldBack);
    expect(allText(r)).toContain('Schritt 3 von 10');
    // The fresh button from that answer still works, once.
    const skip = button(r, 'canvas.skip');
    r = await app.say(u, skip);
    expect(allText(r)).toContain('Schritt 4 von 10');
    r = await app.say(u, skip);
    expect(allText(r)).toContain('älteren Nachricht');
    expect(allText(r)).toContain('Schritt 4 von 10');
    // A SAMR choice from another canvas' old message cannot touch this one.
    const md = allText(await app.say(u, 'canvas exportieren'));
    expect(md).toContain(SAMPLE.goal);
  });
});

describe('canvas: several canvases, rename, archive, delete', { timeout: 120_000 }, () => {
  it('keeps canvases apart and manages them', async () => {
    const u = 'fritz';
    await completeCanvas(app, u, 'Erste Canvas');
    let r = await app.say(u, 'neue canvas');
    r = await app.say(u, 'Zweite Canvas');
    r = await app.say(u, 'pausieren');
    expect(allText(r)).toContain('Pausiert');
    expect(allText(r)).toContain('Schritt 2 von 10');

    r = await app.say(u, 'meine canvases');
    expect(allText(r)).toMatch(/1\. Zweite Canvas \(Schritt 2 von 10\)\n2\. Erste Canvas \(fertig\)/);
    r = await app.say(u, choice(r, 'canvas.open', 'Erste Canvas'));
    expect(allText(r)).toContain(SAMPLE.goal.slice(0, 50));
    r = await app.say(u, 'weiter');
    expect(allText(r)).toContain('„Zweite Canvas“');
    expect(allText(r)).toContain('Schritt 2 von 10');
    r = await app.say(u, 'pause');

    // Rename
    r = await app.say(u, 'meine canvases');
    r = await app.say(u, choice(r, 'canvas.manage', 'Zweite'));
    r = await app.say(u, button(r, 'canvas.rename'));
    const rename = form(r, 'canvas.renameTo');
    r = await app.say(u, { id: rename.id, fields: { title: '' } });
    expect(r[0]!.form?.errors?.title).toBeTruthy();
    r = await app.say(u, { id: rename.id, fields: { title: 'Zweite Canvas (umbenannt)' } });
    expect(allText(r)).toContain('Umbenannt in „Zweite Canvas (umbenannt)“');

    // Archive: listed as archived, "weiter" no longer picks it
    r = await app.say(u, 'meine canvases');
    r = await app.say(u, choice(r, 'canvas.manage', 'umbenannt'));
    r = await app.say(u, button(r, 'canvas.archive'));
    expect(allText(r)).toContain('archiviert');
    r = await app.say(u, 'meine canvases');
    expect(allText(r)).toContain('Zweite Canvas (umbenannt) (archiviert)');
    r = await app.say(u, 'weiter');
    expect(allText(r)).toContain('keine angefangene Canvas');

    // Delete needs a confirmation
    r = await app.say(u, 'meine canvases');
    r = await app.say(u, choice(r, 'canvas.manage', 'Erste'));
    r = await app.say(u, button(r, 'canvas.delete'));
    expect(allText(r)).toContain('wirklich endgültig löschen');
    r = await app.say(u, button(r, 'canvas.keepCanvas'));
    expect(allText(r)).toContain('„Erste Canvas“ bleibt erhalten');
    r = await app.say(u, choice(r, 'canvas.manage', 'Erste'));
    r = await app.say(u, button(r, 'canvas.delete'));
    r = await app.say(u, button(r, 'canvas.confirmDelete'));
    expect(allText(r)).toContain('„Erste Canvas“ ist gelöscht');
    r = await app.say(u, 'meine canvases');
    expect(allText(r)).not.toContain('Erste Canvas');
    expect(allText(r)).toContain('Zweite Canvas');
  });
});

describe('canvas: access control and sharing', { timeout: 120_000 }, () => {
  it('only the owner and people it was shared with can see a canvas; shared means read-only', async () => {
    const summary = await completeCanvas(app, 'owner1', 'Geheime Canvas');
    const id = button(summary, 'canvas.export').value!;
    // A stranger cannot open, export, render, edit or share it.
    for (const action of [
      { id: 'canvas.open', value: id },
      { id: 'canvas.export', value: id },
      { id: 'canvas.png', value: id },
      { id: 'canvas.edit', value: `${id}:2` },
      { id: 'canvas.share', value: id },
      { id: 'canvas.confirmDelete', value: id },
    ]) {
      const r = await app.say('stranger', action);
      expect(allText(r)).toContain('nicht mit Ihnen geteilt');
      expect(allText(r)).not.toContain('Geheime Canvas');
    }
    expect(allText(await app.say('stranger', 'meine canvases'))).not.toContain('Geheime');
    expect(await app.canvases.markdown(id, 'local:stranger')).toBeUndefined();

    // Share with a coach by the technical user key (still accepted; names: canvas-share.test.ts)
    let r = await app.say('owner1', button(summary, 'canvas.share'));
    const share = form(r, 'canvas.shareWith');
    r = await app.say('owner1', { id: share.id, fields: { with: 'kein gültiger name!' } });
    expect(r[0]!.form?.errors?.with).toContain('Ich kenne niemanden namens „kein gültiger name!“');
    await app.say('coach1', 'hallo'); // the coach is known to the bot
    r = await app.say('owner1', { id: share.id, fields: { with: 'local:coach1' } });
    expect(allText(r)).toContain('jetzt mit local:coach1 geteilt');
    expect(button(r, 'booking.start').value).toBe(`canvas:${id}`);

    // The coach is notified and can read it …
    const inbox = (await (
      await fetch(`${app.url}/api/local/users/coach1/inbox`, { headers: automation })
    ).json()) as {
      messages: { replies: { text: string; actions?: { id: string; value?: string }[] }[] }[];
    };
    const note = inbox.messages[0]!.replies[0]!;
    expect(note.text).toContain('Geheime Canvas');
    r = await app.say('coach1', { id: note.actions![0]!.id, value: note.actions![0]!.value });
    expect(allText(r)).toContain('nur lesen');
    expect(allText(r)).toContain('Geheime Canvas');
    expect(hasButton(r, 'canvas.share')).toBe(false);
    expect(r[0]!.choice).toBeUndefined();
    expect(allText(await app.say('coach1', { id: 'canvas.export', value: id }))).toContain(SAMPLE.goal);
    expect(allText(await app.say('coach1', 'meine canvases'))).toContain(
      'Geheime Canvas (geteilt von local:owner1, nur lesen)',
    );
    // … but not change it.
    r = await app.say('coach1', { id: 'canvas.edit', value: `${id}:2` });
    expect(allText(r)).toContain('nur zum Lesen');
    r = await app.say('coach1', { id: 'canvas.confirmDelete', value: id });
    expect(allText(r)).toContain('nur zum Lesen');
    expect(await app.canvases.markdown(id, 'local:coach1')).toContain('Geheime Canvas');
    expect(await app.canvases.listOwned('local:coach1')).toEqual([]);
  });
});
