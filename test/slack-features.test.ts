import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runDueReminders } from '../src/booking/index.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import { SAMPLE } from './support/canvas.ts';
import type { RecordedCall } from './support/fake-slack.ts';
import { buttonIds, FakeSlack, payloads, SlackSender, SlackUser, textOf } from './support/fake-slack.ts';

/**
 * The feature capabilities (knowledge, canvas, booking) driven only through Slack: signed events and
 * interactions to the real Bolt app, the Web API calls recorded by the fake.
 */
const SECRET = 'features-signing-secret';
let fake: FakeSlack;
let app: TestApp;
let slack: SlackSender;

beforeAll(async () => {
  fake = await FakeSlack.start();
  for (const [id, name] of [
    ['U0ANNA', 'Anna'],
    ['U0CLARA', 'Clara Coach'],
    ['U0LENA', 'Lena Lotsin'],
    ['U0OTTO', 'Otto'],
  ] as const) {
    fake.addUser({ id, name, locale: 'de-DE', tz: 'Europe/Berlin' });
  }
  app = await startTestApp({
    SLACK_BOT_TOKEN: 'xoxb-features',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    RATE_LIMIT_PER_MINUTE: '10000',
    COACHES: 'slack:U0CLARA',
    PUBLIC_URL: 'https://bot.example.org',
  });
  slack = new SlackSender(app.url, SECRET);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await fake?.close();
});

afterEach(() => {
  // Every message and modal of these flows passed the Block Kit limits.
  expect(fake.violations.splice(0)).toEqual([]);
});

describe('features through Slack', { timeout: 180_000 }, () => {
  it('a question as @mention: answered in the thread with sources and 👍/👎; feedback is stored', async () => {
    const ts = '1800001000.000100';
    const before = fake.calls.length;
    await slack.event(
      payloads.eventCallback(
        payloads.mention('U0OTTO', 'C0LODILE', 'Wie oft findet die virtuelle Sprechstunde statt?', ts),
        'EvQuestion1',
      ),
    );
    await fake.waitFor('reactions.remove', (c) => c.args.timestamp === ts, 1, 60_000);
    const answer = fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(answer.length).toBeGreaterThan(0);
    for (const m of answer) expect(m.args).toMatchObject({ channel: 'C0LODILE', thread_ts: ts });
    const text = textOf(answer);
    expect(text).toMatch(/Sprechstunde/);
    // Sources as a context line, feedback as buttons.
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    const contexts = answer.flatMap((m) => m.args.blocks).filter((b: any) => b.type === 'context');
    expect(JSON.stringify(contexts)).toContain('Quellen');
    expect(buttonIds(answer)).toEqual(expect.arrayContaining(['knowledge.helpful', 'knowledge.notHelpful']));

    const otto = new SlackUser(fake, slack, 'U0OTTO');
    const up = answer
      .flatMap((m) => m.args.blocks)
      .flatMap((b: { elements?: unknown[] }) => b.elements ?? []);
    const thumbs = up.find(
      (e) => JSON.parse(String((e as { value?: string }).value ?? '{}')).a === 'knowledge.helpful',
    );
    const before2 = fake.calls.length;
    await slack.interaction(
      payloads.blockActions(
        otto.id,
        {
          channel: 'C0LODILE',
          ts: String(answer[0]!.response!.ts),
          thread_ts: ts,
          blocks: answer[0]!.args.blocks,
        },
        thumbs as Record<string, unknown>,
      ),
    );
    const [thanks] = await fake.waitFor('chat.postMessage', (c) => fake.calls.indexOf(c) >= before2);
    expect(thanks!.args).toMatchObject({ channel: 'C0LODILE', thread_ts: ts });
    const { rows } = await app.services.db.query<{ feedback: number }>(
      `SELECT feedback FROM knowledge_questions WHERE user_key = 'slack:U0OTTO'`,
    );
    expect(rows.map((r) => r.feedback)).toContain(1);
  });

  it('a full canvas in the DM: ten steps, SAMR as a drop-down, milestone form as a modal, PNG and Markdown as files', async () => {
    const anna = new SlackUser(fake, slack, 'U0ANNA');
    let r = await anna.say('Ich möchte eine Canvas ausfüllen');
    expect(textOf(r)).toContain('Schritt 1 von 10');
    r = await anna.say(SAMPLE.title);
    expect(textOf(r)).toContain('Schritt 2 von 10');
    for (const answer of [
      SAMPLE.goal,
      SAMPLE.situation,
      SAMPLE.stakeholders,
      SAMPLE.audience,
      SAMPLE.needs,
      SAMPLE.attitude,
    ]) {
      r = await anna.say(answer);
    }
    expect(textOf(r)).toContain('Schritt 8 von 10');
    r = await anna.say(SAMPLE.medium);
    r = await anna.choose(r, 'canvas.samr', labelOf(r, 'canvas.samr', 'Modification'));
    expect(textOf(r)).toContain('Schritt 9 von 10');

    // The milestone form opens as a modal; a date in the past is refused inside the modal.
    const view = await anna.openForm(r, 'canvas.saveMilestone');
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    expect(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => b.block_id)).toEqual([
      'what',
      'when',
      'who',
    ]);
    const refused = await anna.submit(view, { what: 'Alte Schulung', when: '01.02.2020', who: '' });
    expect(refused.response).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(refused.response)).toContain('Vergangenheit');
    const saved = await anna.submit(view, {
      what: 'Pilot in der Frühschicht',
      when: '15.03.2030',
      who: 'Herr Yilmaz',
    });
    expect(saved.response).toBeUndefined();
    expect(textOf(saved.messages)).toContain('Pilot in der Frühschicht');

    r = await anna.press(saved.messages, 'canvas.next');
    expect(textOf(r)).toContain('Schritt 10 von 10');
    r = await anna.say(SAMPLE.learnResult);
    r = await anna.say(SAMPLE.learnCollab);
    r = await anna.say(SAMPLE.learnLearned);
    const summary = textOf(r);
    expect(summary).toContain('Geschafft');
    expect(summary).toContain(SAMPLE.title);
    expect(buttonIds(r)).toEqual(expect.arrayContaining(['canvas.png', 'canvas.export', 'booking.start']));

    const uploads = fake.uploads.length;
    const png = await anna.press(r, 'canvas.png');
    await waitForUploads(uploads + 1);
    const image = fake.uploads[uploads]!;
    expect(image.filename).toMatch(/\.png$/);
    expect(image.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const complete = fake.callsOf('files.completeUploadExternal').at(-1)!;
    expect(complete.args.channel_id).toBe(anna.dm);

    expect(textOf(png)).toContain('als Bild');
    const md = await anna.press(r, 'canvas.export');
    await waitForUploads(uploads + 2);
    expect(fake.uploads[uploads + 1]!.filename).toMatch(/\.md$/);
    const mdText = textOf(md);
    // The Markdown export shown in Slack: heading bold, roadmap table as lines.
    expect(mdText).toContain(`*Digital Learning Canvas: ${SAMPLE.title}*`);
    expect(mdText).toContain('Pilot in der Frühschicht · 15.03.2030 · Herr Yilmaz');
    expect(String(fake.uploads[uploads + 1]!.bytes)).toContain(
      '| Pilot in der Frühschicht | 15.03.2030 | Herr Yilmaz |',
    );

    // The Home tab lists the canvas.
    await slack.event(payloads.eventCallback(payloads.homeOpened(anna.id), 'EvHomeAnna'));
    const home = await fake.waitFor('views.publish', (c) => c.args.user_id === anna.id);
    expect(JSON.stringify(home.at(-1)!.args.view)).toContain(SAMPLE.title);
  });

  it('shares the canvas via Slack’s people picker in the modal or an @mention in the DM – no member ids to type', async () => {
    const anna = new SlackUser(fake, slack, 'U0ANNA');
    let r = await anna.say('canvas zusammenfassung');
    r = await anna.press(r, 'canvas.share');
    expect(textOf(r)).toContain('Mit wem möchten Sie');
    const view = await anna.openForm(r, 'canvas.shareWith');
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    const input = view.blocks.find((b: any) => b.type === 'input');
    expect(input.element).toMatchObject({
      type: 'users_select',
      placeholder: { text: 'Person auswählen …' },
    });
    const before = fake.calls.length;
    const picked = await anna.submit(view, { with: 'U0OTTO' });
    expect(picked.response).toBeUndefined();
    expect(textOf(picked.messages)).toContain(`„${SAMPLE.title}“ ist jetzt mit Otto geteilt`);
    // Otto hears about it in his DM, by Anna's name.
    const note = await fake.waitFor(
      'chat.postMessage',
      (c) => c.args.channel === 'D0OTTO' && fake.calls.indexOf(c) >= before,
    );
    expect(textOf(note)).toContain('Anna hat die Digital Learning Canvas');

    // While the share question is open, an @mention in the DM names the person (Slack sends "<@U0LENA>").
    r = await anna.say('canvas zusammenfassung');
    r = await anna.press(r, 'canvas.share');
    r = await anna.say('<@U0LENA>');
    expect(textOf(r)).toContain('ist jetzt mit Lena Lotsin geteilt');
    // A member id typed by hand (copied from a Slack profile) names the person too.
    r = await anna.say('canvas zusammenfassung');
    r = await anna.press(r, 'canvas.share');
    r = await anna.say('U0CLARA');
    expect(textOf(r)).toContain('ist jetzt mit Clara Coach geteilt');
    const { rows } = await app.services.db.query<{ user_key: string }>(
      `SELECT s.user_key FROM canvas_shares s JOIN canvases c ON c.id = s.canvas_id
        WHERE c.owner_key = 'slack:U0ANNA' ORDER BY s.user_key`,
    );
    expect(rows.map((x) => x.user_key)).toEqual(['slack:U0CLARA', 'slack:U0LENA', 'slack:U0OTTO']);
  });

  it('booking: a coach publishes via modal, a LoDiLe books with the .ics attached, the coach is notified, the reminder arrives', async () => {
    const clara = new SlackUser(fake, slack, 'U0CLARA');
    const lena = new SlackUser(fake, slack, 'U0LENA');
    // A coach's Home tab has the coach actions.
    await slack.event(payloads.eventCallback(payloads.homeOpened(clara.id), 'EvHomeClara'));
    const home = await fake.waitFor('views.publish', (v) => v.args.user_id === clara.id);
    expect(JSON.stringify(home[0]!.args.view)).toContain('booking.publish');
    let c = await clara.say('termin');
    expect(textOf(c)).toContain('CoDiLe');
    c = await clara.press(c, 'booking.publish');
    const view = await clara.openForm(c, 'booking.publish');
    const day = DateTime.now().setZone('Europe/Berlin').plus({ days: 3 }).toISODate()!;
    const slot = {
      kind: 'sprechstunde',
      title: 'Sprechstunde Lernvideos',
      date: day,
      start: '16:00',
      end: '17:00',
      seats: '3',
      link: 'https://meet.example.org/lodile',
      every: '0',
      weeks: '12',
    };
    const bad = await clara.submit(view, { ...slot, start: '25:99', link: 'meet' });
    expect(bad.response).toMatchObject({ response_action: 'errors' });
    const errors = (bad.response as { errors: Record<string, string> }).errors;
    expect(errors.start).toMatch(/Uhrzeit/);
    expect(errors.link).toMatch(/https/);
    const ok = await clara.submit(view, slot);
    expect(textOf(ok.messages)).toContain('Veröffentlicht');

    let l = await lena.say('termin buchen');
    expect(textOf(l)).toContain('Freie Termine');
    l = await lena.choose(l, 'booking.pick', labelOf(l, 'booking.pick', '16:00'));
    const confirm = await lena.openForm(l, 'booking.confirm');
    const uploads = fake.uploads.length;
    const booked = await lena.submit(confirm, { topic: 'Wie motiviere ich mein Team für Lernvideos?' });
    expect(textOf(booked.messages)).toContain('Gebucht');
    await waitForUploads(uploads + 1);
    const ics = fake.uploads[uploads]!;
    expect(ics.filename).toBe('einladung.ics');
    expect(String(ics.bytes)).toContain('BEGIN:VCALENDAR');
    expect(String(ics.bytes)).toContain('Wie motiviere ich mein Team');
    expect(fake.callsOf('files.completeUploadExternal').at(-1)!.args.channel_id).toBe(lena.dm);

    // The coach's notification comes proactively (outbox → Slack dispatcher) to her DM.
    const news = await fake.waitFor(
      'chat.postMessage',
      (m) => m.args.channel === clara.dm && JSON.stringify(m.args.blocks).includes('Neue Buchung'),
      1,
      15_000,
    );
    expect(JSON.stringify(news[0]!.args.blocks)).toContain('Lena Lotsin');

    // Lena's Home tab lists her booking and the next Sprechstunde with its free seats.
    await slack.event(payloads.eventCallback(payloads.homeOpened(lena.id), 'EvHomeLena'));
    const lenaHome = await fake.waitFor('views.publish', (v) => v.args.user_id === lena.id);
    const homeText = JSON.stringify(lenaHome.at(-1)!.args.view);
    expect(homeText).toMatch(/Meine Termine.*16:00–17:00 · Sprechstunde Lernvideos/);
    expect(homeText).not.toContain('Sie haben keine Termine gebucht');
    // Lena holds the only open Sprechstunde, so none is offered to her as the next one.
    expect(homeText).toContain('Gerade ist keine Sprechstunde frei');
    await slack.event(payloads.eventCallback(payloads.homeOpened('U0OTTO'), 'EvHomeOtto'));
    const ottoHome = await fake.waitFor('views.publish', (v) => v.args.user_id === 'U0OTTO');
    const ottoText = JSON.stringify(ottoHome.at(-1)!.args.view);
    expect(ottoText).toMatch(/Sprechstunde Lernvideos \(noch 2 Plätze frei\)/);
    expect(ottoText).toContain('Sie haben keine Termine gebucht');

    // The reminder a day before, through the same path.
    const { rows } = await app.services.db.query<{ starts_at: Date }>(
      `SELECT s.starts_at FROM booking_bookings b JOIN booking_slots s ON s.id = b.slot_id
       WHERE b.user_key = 'slack:U0LENA' AND b.status = 'confirmed'`,
    );
    const start = new Date(rows[0]!.starts_at).getTime();
    expect(await runDueReminders(app.services, new Date(start - 1440 * 60_000 + 1000))).toBe(1);
    const reminder = await fake.waitFor(
      'chat.postMessage',
      (m) => m.args.channel === lena.dm && /Erinnerung/.test(JSON.stringify(m.args.blocks)),
      1,
      15_000,
    );
    expect(JSON.stringify(reminder[0]!.args.blocks)).toContain('https://meet.example.org/lodile');
  });
});

/** The label of the option whose label contains `part` in the select of choice `choiceId`. */
function labelOf(messages: RecordedCall[], choiceId: string, part: string): string {
  for (const m of messages) {
    for (const b of m.args.blocks as { type: string; elements?: Record<string, unknown>[] }[]) {
      for (const e of b.elements ?? []) {
        if (e.type !== 'static_select' || !String(e.action_id).endsWith(`:${choiceId}`)) continue;
        const o = (e.options as { text: { text: string } }[]).find((x) => x.text.text.includes(part));
        if (o) return o.text.text;
      }
    }
  }
  throw new Error(`no option "${part}" in ${choiceId}`);
}

async function waitForUploads(n: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (fake.uploads.length < n) {
    if (Date.now() > deadline) throw new Error(`expected ${n} uploads, got ${fake.uploads.length}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await fake.waitFor('files.completeUploadExternal', () => true, n);
}
