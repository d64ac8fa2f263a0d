import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, WireReply } from './support/app.ts';
import { automation, startTestApp } from './support/app.ts';
import { allText, button, completeCanvas, form, hasButton } from './support/canvas.ts';

// Sharing a canvas by naming the person the way the web chat allows: their name (or user id) as the bot
// knows it. Slack's people picker and @mentions: slack-features.test.ts; Teams @mentions: teams-canvas.test.ts.
let app: TestApp;
let canvasId: string;
let summary: WireReply[];

/** A web-chat user with a display name, known to the bot from one message. */
const meet = (user: string, name: string) => app.say(user, 'hallo', { name });

const shares = async () =>
  (
    await app.services.db.query<{ user_key: string }>(
      'SELECT user_key FROM canvas_shares WHERE canvas_id = $1 ORDER BY user_key',
      [canvasId],
    )
  ).rows.map((r) => r.user_key);

const inbox = async (user: string) =>
  (
    (await (await fetch(`${app.url}/api/local/users/${user}/inbox`, { headers: automation })).json()) as {
      messages: { replies: WireReply[] }[];
    }
  ).messages.flatMap((m) => m.replies);

beforeAll(async () => {
  app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '10000' });
  await meet('lena', 'Lena Meyer');
  await meet('clara', 'Clara Coach');
  await meet('max1', 'Max Müller');
  await meet('max2', 'max müller');
  await meet('lea', 'Lea Lernwerk');
  // Someone the bot knows only from Slack: never a match for a web-chat user.
  await app.services.db.query(
    `INSERT INTO users (user_key, channel, channel_user, display_name) VALUES ('slack:U0OLGA', 'slack', 'U0OLGA', 'Olga Slack')`,
  );
  summary = await completeCanvas(app, 'lena', 'Teamcanvas');
  canvasId = button(summary, 'canvas.export').value!;
}, 180_000);
afterAll(async () => {
  await app?.close();
});

/** Presses "teilen" on the summary and submits the form with what the user typed. */
async function shareVia(text: string): Promise<WireReply[]> {
  const f = form(await app.say('lena', button(summary, 'canvas.share')), 'canvas.shareWith');
  return app.say('lena', { id: f.id, fields: { with: text } });
}

describe('canvas sharing by name', { timeout: 120_000 }, () => {
  it('asks for a person, not a technical id, with a way back', async () => {
    const r = await app.say('lena', button(summary, 'canvas.share'));
    const field = form(r, 'canvas.shareWith').fields[0]!;
    expect(field.type).toBe('user');
    expect(field.label).toBe('Person');
    expect(allText(r)).toContain('schreiben Sie mir hier einfach ihren Namen');
    expect(allText(r)).not.toMatch(/local:|U012/);
    expect(hasButton(r, 'canvas.summary')).toBe(true);
  });

  it('shares with the one person of that name, case-insensitively, and names them in the answer', async () => {
    const r = await shareVia('  clara COACH ');
    expect(allText(r)).toContain('„Teamcanvas“ ist jetzt mit Clara Coach geteilt');
    expect(await shares()).toEqual(['local:clara']);
    const note = (await inbox('clara'))[0]!;
    expect(note.text).toContain('Lena Meyer hat die Digital Learning Canvas „Teamcanvas“ mit Ihnen geteilt');
    // The reader sees who shared it by name, not by a technical key.
    expect(allText(await app.say('clara', 'meine canvases'))).toContain(
      'Teamcanvas (geteilt von Lena Meyer, nur lesen)',
    );
  });

  it('takes the name written in the chat while the share question is open', async () => {
    await app.say('lena', button(summary, 'canvas.share'));
    const r = await app.say('lena', 'Lea Lernwerk');
    expect(allText(r)).toContain('ist jetzt mit Lea Lernwerk geteilt');
    expect(await shares()).toContain('local:lea');
    // Afterwards a name is just a message again, not another share.
    await app.say('lena', 'Max Müller');
    expect(await shares()).not.toContain('local:max1');
  });

  it('asks which one when several people have that name, and shares only with the one picked', async () => {
    const r = await shareVia('Max Müller');
    expect(allText(r)).toContain('Es gibt mehrere Personen namens „Max Müller“. Wen meinen Sie?');
    const picks = r[0]!.actions!.filter((a) => a.id === 'canvas.shareWithPicked');
    // Same name twice: the user id tells them apart.
    expect(picks.map((a) => a.label).sort()).toEqual(['Max Müller · max1', 'max müller · max2']);
    expect(await shares()).not.toContain('local:max1');
    expect(await shares()).not.toContain('local:max2');
    const two = picks.find((a) => a.label.endsWith('max2'))!;
    const done = await app.say('lena', { id: two.id, value: two.value });
    expect(allText(done)).toContain('ist jetzt mit max müller geteilt');
    expect(await shares()).toContain('local:max2');
    expect(await shares()).not.toContain('local:max1');
  });

  it('offers near matches as a question, never as a guess, and never the owner herself', async () => {
    let r = await shareVia('müller');
    expect(allText(r)).toContain(
      'Ich kenne niemanden, der genau „müller“ heißt. Meinen Sie eine dieser Personen?',
    );
    r = await shareVia('Clar');
    expect(r[0]!.actions!.filter((a) => a.id === 'canvas.shareWithPicked').map((a) => a.label)).toEqual([
      'Clara Coach',
    ]);
    expect(allText(await app.say('lena', button(r, 'canvas.shareWithPicked')))).toContain(
      'jetzt mit Clara Coach geteilt',
    );
    // "Meyer" matches only Lena, the owner: no button for her, just the hint.
    r = await shareVia('meyer');
    expect(hasButton(r, 'canvas.shareWithPicked')).toBe(false);
    expect(r[0]!.form?.errors?.with).toBe('Die Canvas gehört Ihnen bereits.');
  });

  it('says clearly when it knows nobody of that name (other channels do not count) and lets the user retry', async () => {
    const before = await shares();
    await app.say('lena', button(summary, 'canvas.share'));
    let r = await app.say('lena', 'Olga Slack');
    const error = r[0]!.form?.errors?.with ?? '';
    expect(error).toContain('Ich kenne niemanden namens „Olga Slack“');
    expect(error).toContain(
      'Schreiben Sie den Namen so, wie der Chat ihn anzeigt, oder erwähnen Sie die Person mit @',
    );
    expect(error).toContain('bitten Sie sie, mir kurz „hallo“ zu schreiben');
    expect(await shares()).toEqual(before);
    // A name that looks like "channel:id" but is none is a name as well.
    r = await app.say('lena', 'Meyer:Lena');
    expect(r[0]!.form?.errors?.with).toContain('Ich kenne niemanden namens „Meyer:Lena“');
    // … and a name in capitals is no Slack member id.
    r = await app.say('lena', 'WOLFGANG');
    expect(r[0]!.form?.errors?.with).toContain('Ich kenne niemanden namens „WOLFGANG“');
    // The question is still open: the right name now works.
    await meet('olga', 'Olga Web');
    r = await app.say('lena', 'olga web');
    expect(allText(r)).toContain('ist jetzt mit Olga Web geteilt');
  });

  it('a question or "abbrechen" while asked ends the share question without sharing', async () => {
    const before = await shares();
    await app.say('lena', button(summary, 'canvas.share'));
    let r = await app.say('lena', 'Wie oft ist die virtuelle Sprechstunde?');
    expect(allText(r)).not.toContain('niemanden');
    expect(allText(r)).not.toContain('geteilt');
    await app.say('lena', button(summary, 'canvas.share'));
    r = await app.say('lena', 'abbrechen');
    expect(allText(r)).toContain('Gut, ich teile die Canvas nicht.');
    expect(button(r, 'canvas.summary').value).toBe(canvasId);
    expect(await shares()).toEqual(before);
  });

  it('still accepts the technical user key, also for someone who has not written yet', async () => {
    const r = await shareVia('local:neu1');
    expect(allText(r)).toContain('ist jetzt mit local:neu1 geteilt');
    expect(await shares()).toContain('local:neu1');
    // The web inbox keeps the note until the person opens the chat.
    expect((await inbox('neu1'))[0]!.text).toContain('„Teamcanvas“ mit Ihnen geteilt');
  });
});
