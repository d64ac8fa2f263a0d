import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automation, startTestApp, type TestApp } from './support/app.ts';

describe('meine Daten: see, export and erase personal data', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it('lists what is stored and exports it as a JSON file', async () => {
    await app.say('anna', 'Hallo', { name: 'Anna Beispiel' });
    const [overview] = await app.say('anna', 'meine daten');
    expect(overview!.text).toMatch(/Ihre Daten beim LoDiLe-Bot/);
    expect(overview!.text).toMatch(/\*\*Profil\*\* \(1\)/);
    const [exported] = await app.say('anna', { id: 'privacy.export' });
    const file = exported!.files![0]!;
    expect(file.mime).toBe('application/json');
    const json = await (await fetch(`${app.url}${file.url}`, { headers: automation })).json();
    expect(json.user).toBe('local:anna');
    expect(json.data.Profile[0].display_name).toBe('Anna Beispiel');
  });

  it('shows a web-chat user only what holds data about them, explained in plain words', async () => {
    await app.say('carla', 'Hallo', { name: 'Carla' });
    const [first] = await app.say('carla', 'meine daten');
    // The web chat stores nothing in Teams or Slack, and Carla has no bookings, canvases or questions.
    expect(first!.text).not.toMatch(/Teams|Slack|Termin|Canvas|CoDiLe|Kalender|Fragen/);
    expect(first!.text).not.toMatch(/: 0\b/);
    expect(first!.text).toMatch(/\*\*Profil\*\* \(1\): Ihre Kennung im Chatdienst/);
    expect(first!.text).toMatch(/Sonst habe ich nichts über Sie gespeichert/);

    // A question is personal data too: from then on it is listed.
    await app.say('carla', 'Wie oft ist die Sprechstunde?');
    const [second] = await app.say('carla', 'meine daten');
    expect(second!.text).toMatch(/\*\*Gestellte Fragen und Bewertungen\*\* \(1\): Ihre Fragen/);
    expect(second!.text).not.toMatch(/Teams|Slack/);
    expect(second!.actions!.map((a) => a.id)).toEqual(['privacy.export', 'privacy.erase', 'help.menu']);
  });

  it('"meine Daten löschen" inside an open canvas goes to the data overview, not into the canvas', async () => {
    await app.say('dana', 'canvas starten');
    const [overview] = await app.say('dana', 'Meine Daten löschen');
    expect(overview!.text).toMatch(/Ihre Daten beim LoDiLe-Bot/);
    expect(overview!.actions!.map((a) => a.id)).toContain('privacy.erase');
    const [english] = await app.say('dana', 'delete my data');
    expect(english!.actions!.map((a) => a.id)).toContain('privacy.erase');
    const list = await app.say('dana', 'meine canvases');
    expect(JSON.stringify(list)).not.toMatch(/Meine Daten löschen|delete my data/i);
  });

  it('erases everything only after confirmation, and an old confirmation button does nothing', async () => {
    await app.say('ben', 'Hallo', { name: 'Ben' });
    const [ask] = await app.say('ben', { id: 'privacy.erase' });
    const confirm = ask!.actions!.find((a) => a.id === 'privacy.confirmErase')!;
    const [cancelled] = await app.say('ben', { id: 'privacy.cancelErase' });
    expect(cancelled!.text).toMatch(/es bleibt alles/);
    const [stale] = await app.say('ben', { id: confirm.id, value: confirm.value });
    expect(stale!.text).toMatch(/nicht mehr gültig.*nichts gelöscht/s);
    expect((await app.services.db.query(`SELECT 1 FROM users WHERE user_key = 'local:ben'`)).rowCount).toBe(
      1,
    );

    const [again] = await app.say('ben', { id: 'privacy.erase' });
    const fresh = again!.actions!.find((a) => a.id === 'privacy.confirmErase')!;
    const [done] = await app.say('ben', { id: fresh.id, value: fresh.value });
    expect(done!.text).toMatch(/alle Daten gelöscht/);
    for (const [table, column] of [
      ['users', 'user_key'],
      ['conversation_state', 'user_key'],
      ['files', 'owner_key'],
    ]) {
      const { rowCount } = await app.services.db.query(
        `SELECT 1 FROM ${table} WHERE ${column} = 'local:ben'`,
      );
      expect(rowCount, table).toBe(0);
    }
    // Other users keep their data.
    expect((await app.services.db.query(`SELECT 1 FROM users WHERE user_key = 'local:anna'`)).rowCount).toBe(
      1,
    );
  });
});
