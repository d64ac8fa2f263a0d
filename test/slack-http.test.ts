import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { action } from '../src/core/actions.ts';
import type { Capability } from '../src/core/context.ts';
import type { Form, Reply } from '../src/core/reply.ts';
import { startTestApp, type TestApp } from './support/app.ts';
import {
  type FakeSlack as Fake,
  FakeSlack,
  payloads,
  type RecordedCall,
  SlackSender,
} from './support/fake-slack.ts';

const SECRET = 'test-signing-secret-8f3a';
const ANNA = 'U0ANNA';
const BOB = 'U0BOB';
const DM_ANNA = 'D0ANNA';

/**
 * Test-only capabilities (registered through startApp's extraCapabilities) that exercise every part of the
 * reply model: a form with validation and a file, a choice, a very long reply, an echo of user text, and a
 * slow answer that the test releases.
 */
const REGISTRATION: Form = {
  id: 'anmeldung.submit',
  title: 'Anmeldung zum Workshop',
  submitLabel: 'Anmelden',
  fields: [
    { id: 'name', label: 'Ihr Name', type: 'text', required: true, maxLength: 80 },
    { id: 'beginn', label: 'Wunschtermin', type: 'datetime', required: true, value: '2027-03-01T10:00' },
    { id: 'tag', label: 'Ausweichtag', type: 'date' },
    { id: 'personen', label: 'Teilnehmende', type: 'number', min: 1, max: 20 },
    {
      id: 'format',
      label: 'Format',
      type: 'select',
      options: [
        { value: 'online', label: 'Online' },
        { value: 'vor-ort', label: 'Vor Ort' },
      ],
    },
    { id: 'notiz', label: 'Anmerkungen', type: 'textarea' },
  ],
};

const registration: Capability = {
  name: 'anmeldung',
  command: /^anmeldung$/i,
  async onText() {
    return [{ text: 'Bitte füllen Sie das **Anmeldeformular** aus.', form: REGISTRATION }];
  },
  actions: {
    submit: action(z.unknown(), async (ctx, _value, incoming) => {
      const f = incoming.fields ?? {};
      const errors: Record<string, string> = {};
      if (!f.name?.trim()) errors.name = 'Bitte geben Sie Ihren Namen an.';
      if (f.personen && !(Number(f.personen) >= 1 && Number(f.personen) <= 20))
        errors.personen = 'Bitte eine Zahl von 1 bis 20.';
      if (Object.keys(errors).length) {
        return [{ text: 'Bitte prüfen Sie Ihre Eingaben.', form: { ...REGISTRATION, errors } }];
      }
      // A slow submission: longer than Slack's 3 s for answering a view_submission.
      if (f.name === 'Langsam') await new Promise((r) => setTimeout(r, 3200));
      const ics = `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Workshop ${f.name}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
      const file = await ctx.services.files.save(ctx.user.key, 'workshop.ics', 'text/calendar', ics);
      return [
        {
          text: `Danke, ${f.name}! Termin: ${f.beginn}, Format: ${f.format || '–'}, Personen: ${f.personen || '–'}`,
          files: [file],
          actions: [{ id: 'help.menu', label: 'Zurück zum Menü' }],
        },
      ];
    }),
  },
};

const picker: Capability = {
  name: 'wahl',
  command: /^wahl$/i,
  async onText() {
    return [
      {
        text: 'Welches Thema?',
        choice: {
          id: 'wahl.thema',
          label: 'Thema wählen',
          options: [
            { value: 'samr', label: 'SAMR-Modell' },
            { value: 'dlc', label: 'Digital Learning Canvas' },
          ],
        },
      },
    ];
  },
  actions: {
    thema: action(z.unknown(), async (_ctx, _value, incoming) => [{ text: `Gewählt: ${incoming.value}` }]),
  },
};

/** Answers with the action's id and the start and length of its value. */
const echoAction = action(z.unknown(), async (_ctx, _value, incoming) => [
  { text: `${incoming.id}=${incoming.value?.slice(0, 20)}… (${incoming.value?.length} Zeichen)` },
]);

const longReply: Capability = {
  name: 'lang',
  command: /^lang$/i,
  async onText() {
    const paragraph = (i: number) =>
      `**Abschnitt ${i}.** Lots*innen begleiten Beschäftigte beim digitalen Lernen & fragen nach <Bedarf>. [Mehr](https://lodile.de/a?x=1&y=${i})`;
    const text = Array.from({ length: 700 }, (_, i) => paragraph(i + 1)).join('\n\n');
    return [
      {
        text,
        actions: Array.from({ length: 30 }, (_, i) => ({
          id: 'lang.knopf',
          value: String(i),
          label: `Schaltfläche Nummer ${i + 1} mit einer sehr, sehr langen Beschriftung, die Slack kürzen müsste`,
        })),
        choice: {
          id: 'lang.option',
          label: 'Viele Optionen',
          options: Array.from({ length: 150 }, (_, i) => ({
            value: i === 7 ? `sehr-langer-wert-${'x'.repeat(200)}` : `o${i}`,
            label: `Option ${i} ${'mit langem Text '.repeat(8)}`,
          })),
        },
        citations: Array.from({ length: 14 }, (_, i) => ({
          title: `Quelle ${i + 1}`,
          url: `https://lodile.de/quelle/${i + 1}`,
          excerpt: 'Auszug '.repeat(100),
        })),
      },
    ];
  },
  actions: { knopf: echoAction, option: echoAction },
};

const echo: Capability = {
  name: 'echo',
  command: /^echo .+/is,
  async onText(_ctx, text) {
    return [{ text: `Sie schrieben: ${text.slice(5)}` }];
  },
};

let releaseSlow: () => void = () => {};
let slowStarted: () => void = () => {};
const slow: Capability = {
  name: 'langsam',
  command: /^langsam$/i,
  async onText() {
    slowStarted();
    await new Promise<void>((resolve) => {
      releaseSlow = resolve;
    });
    return [{ text: 'Fertig nachgedacht.' }];
  },
};

let fake: Fake;
let app: TestApp;
let slack: SlackSender;
let eventSeq = 0;
let tsSeq = 0;

const nextTs = () => `1800000000.${String(++tsSeq).padStart(6, '0')}`;

/** Sends a signed event callback; returns the HTTP response. */
async function sendEvent(event: Record<string, unknown>, eventId = `Ev${++eventSeq}`, retryNum?: number) {
  return slack.event(payloads.eventCallback(event, eventId), { retryNum });
}

/** DM from a user; waits for the bot's first answer in the DM and returns it. */
async function dm(user: string, text: string): Promise<RecordedCall> {
  const before = fake.callsOf('chat.postMessage').length;
  const ts = nextTs();
  const res = await sendEvent(payloads.dm(user, text, ts));
  expect(res.status).toBe(200);
  const posts = await fake.waitFor('chat.postMessage', () => true, before + 1);
  // The "thinking" reaction is removed after the answer; wait for it so it does not spill into the next test.
  await fake.waitFor('reactions.remove', (c) => c.args.timestamp === ts);
  return posts[before]!;
}

/** All elements of all actions blocks (and accessories) of a message. */
// biome-ignore lint/suspicious/noExplicitAny: wire payloads
function elements(call: RecordedCall): any[] {
  // biome-ignore lint/suspicious/noExplicitAny: wire payloads
  return (call.args.blocks as any[]).flatMap((b) =>
    b.type === 'actions' ? b.elements : b.accessory ? [b.accessory] : [],
  );
}

function buttonLabelled(call: RecordedCall, label: string) {
  const el = elements(call).find((e) => e.type === 'button' && e.text.text === label);
  if (!el) throw new Error(`no button "${label}" in ${JSON.stringify(call.args.blocks)}`);
  return el;
}

function sectionText(call: RecordedCall): string {
  return (call.args.blocks as { type: string; text?: { text: string } }[])
    .filter((b) => b.type === 'section')
    .map((b) => b.text?.text ?? '')
    .join('\n');
}

/** Presses a button of a message the bot posted (as the user who got it). */
async function press(user: string, message: RecordedCall, label: string) {
  const res = await slack.interaction(
    payloads.blockActions(
      user,
      {
        channel: message.args.channel,
        ts: message.response?.ts,
        thread_ts: message.args.thread_ts,
        blocks: message.args.blocks,
      },
      buttonLabelled(message, label),
    ),
  );
  expect(res.status).toBe(200);
  return res;
}

beforeAll(async () => {
  fake = await FakeSlack.start();
  fake.addUser({ id: ANNA, name: 'Anna', locale: 'de-DE', tz: 'Europe/Berlin' });
  fake.addUser({ id: BOB, name: 'Bob', locale: 'en-US', tz: 'America/New_York' });
  app = await startTestApp(
    {
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
      // One test user sends many messages in a row; the per-user rate limit is tested elsewhere.
      RATE_LIMIT_PER_MINUTE: '1000',
    },
    undefined,
    { extraCapabilities: [registration, picker, longReply, echo, slow] },
  );
  slack = new SlackSender(app.url, SECRET);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await fake?.close();
});

beforeEach(() => fake.reset());

afterEach(() => {
  // Every message and view the bot sent in the test passed the Block Kit limits.
  expect(fake.violations.splice(0)).toEqual([]);
});

describe('Slack in HTTP mode (Bolt on the bot’s Express server)', () => {
  it('starts in HTTP mode and checks the token with auth.test against SLACK_API_URL', () => {
    expect(app.slack?.mode).toBe('http');
  });

  it('answers Slack’s url_verification challenge', async () => {
    const res = await slack.event(
      payloads.urlVerification('3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P'),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('rejects a forged signature and a replayed (old) request with 401 and does nothing', async () => {
    const body = payloads.eventCallback(payloads.dm(ANNA, 'hallo', nextTs()), 'EvForged');
    const forged = await slack.event(body, { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const old = await slack.event(body, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    expect(old.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
  });

  it('answers a DM (message.im) in the DM with Block Kit, using the user’s name and locale from users.info', async () => {
    const post = await dm(ANNA, 'hallo');
    expect(post.args.channel).toBe(DM_ANNA);
    expect(post.args.thread_ts).toBeUndefined();
    expect(post.token).toBe('xoxb-test-token');
    const text = sectionText(post);
    expect(text).toContain('Hallo Anna!');
    // **Fragen beantworten** (Markdown) → *Fragen beantworten* (mrkdwn), list items as bullets.
    expect(text).toContain('*Fragen beantworten*');
    expect(text).not.toContain('**');
    expect(text).toMatch(/^• /m);
    // Buttons carry our action id as JSON, action_ids are unique.
    const buttons = elements(post).filter((e) => e.type === 'button');
    expect(buttons.map((b) => JSON.parse(b.value).a)).toEqual([
      'knowledge.ask',
      'canvas.start',
      'booking.start',
    ]);
    expect(new Set(buttons.map((b) => b.action_id)).size).toBe(3);
    expect(buttons.find((b) => JSON.parse(b.value).a === 'canvas.start').style).toBe('primary');
    // Notification fallback text is plain.
    expect(post.args.text).toMatch(/^Hallo Anna!/);
    const info = fake.callsOf('users.info')[0];
    expect(info?.args).toMatchObject({ user: ANNA, include_locale: 'true' });
  });

  it('shows "denkt nach …" as a reaction while working and removes it; the event is acked before the answer', async () => {
    const started = new Promise<void>((resolve) => {
      slowStarted = resolve;
    });
    const ts = nextTs();
    const res = await sendEvent(payloads.dm(ANNA, 'langsam', ts));
    // Slack got its 200 although the capability is still working.
    expect(res.status).toBe(200);
    await started;
    const add = await fake.waitFor('reactions.add');
    expect(add[0]!.args).toMatchObject({ channel: DM_ANNA, timestamp: ts, name: 'hourglass_flowing_sand' });
    expect(fake.callsOf('chat.postMessage')).toEqual([]);
    releaseSlow();
    const post = await fake.waitFor('chat.postMessage');
    expect(sectionText(post[0]!)).toBe('Fertig nachgedacht.');
    await fake.waitFor('reactions.remove', (c) => c.args.timestamp === ts);
    const removed = fake.calls.findIndex((c) => c.method === 'reactions.remove' && c.args.timestamp === ts);
    expect(removed).toBeGreaterThan(fake.calls.indexOf(post[0]!));
  });

  it('a slow slash command shows a temporary "denkt nach …" message in the DM and deletes it after the answer', async () => {
    const started = new Promise<void>((resolve) => {
      slowStarted = resolve;
    });
    const res = await slack.command(payloads.slashCommand(ANNA, 'langsam', DM_ANNA));
    expect(res.status).toBe(200);
    await started;
    const [placeholder] = await fake.waitFor('chat.postMessage');
    expect(placeholder!.args).toMatchObject({ channel: DM_ANNA, text: '⏳ Einen Moment, ich denke nach …' });
    releaseSlow();
    const [del] = await fake.waitFor('chat.delete');
    expect(del!.args).toMatchObject({ channel: DM_ANNA, ts: placeholder!.response!.ts });
    const posts = fake.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(sectionText(posts[1]!)).toBe('Fertig nachgedacht.');
    expect(fake.calls.indexOf(del!)).toBeGreaterThan(fake.calls.indexOf(posts[1]!));
  });

  it('answers a retried or duplicated event only once (idempotency by event_id in the database)', async () => {
    const event = payloads.dm(ANNA, 'hilfe', nextTs());
    const first = await sendEvent(event, 'EvRetry1');
    expect(first.status).toBe(200);
    await fake.waitFor('chat.postMessage');
    const retry = await sendEvent(event, 'EvRetry1', 1);
    const again = await sendEvent(event, 'EvRetry1', 2);
    expect([retry.status, again.status]).toEqual([200, 200]);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    const { rows } = await app.services.db.query("SELECT key FROM slack_seen WHERE key = 'event:EvRetry1'");
    expect(rows).toHaveLength(1);
  });

  it('the same event arriving twice at once, and a duplicated button payload, are answered once each', async () => {
    const event = payloads.eventCallback(payloads.dm(ANNA, 'hilfe', nextTs()), 'EvTwice');
    const both = await Promise.all([slack.event(event), slack.event(event, { retryNum: 1 })]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const [help] = await fake.waitFor('chat.postMessage');
    const button = buttonLabelled(help!, 'Frage stellen');
    const payload = payloads.blockActions(
      ANNA,
      { channel: DM_ANNA, ts: help!.response!.ts, blocks: [] },
      button,
    );
    await Promise.all([slack.interaction(payload), slack.interaction(payload)]);
    await fake.waitFor('chat.postMessage', () => true, 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf('chat.postMessage')).toHaveLength(2);
  });

  it('answers an @mention in a channel in the thread of the mention (and inside an existing thread)', async () => {
    const ts = nextTs();
    await sendEvent(payloads.mention(ANNA, 'C0GENERAL', 'hilfe', ts));
    const [post] = await fake.waitFor('chat.postMessage');
    expect(post!.args).toMatchObject({ channel: 'C0GENERAL', thread_ts: ts });
    expect(sectionText(post!)).toContain('So sprechen Sie mit mir');

    const root = nextTs();
    await sendEvent(payloads.mention(ANNA, 'C0GENERAL', 'hilfe', nextTs(), root));
    const posts = await fake.waitFor('chat.postMessage', () => true, 2);
    expect(posts[1]!.args).toMatchObject({ channel: 'C0GENERAL', thread_ts: root });
  });

  it('when the bot can no longer post in the channel, the answer goes to the user’s DM', async () => {
    fake.closedChannels.add('C0LEFT');
    await sendEvent(payloads.mention(ANNA, 'C0LEFT', 'hilfe', nextTs()));
    const posts = await fake.waitFor('chat.postMessage', () => true, 2);
    expect(posts[0]!.response).toMatchObject({ ok: false, error: 'not_in_channel' });
    expect(posts[1]!.args.channel).toBe(DM_ANNA);
    expect(posts[1]!.args.thread_ts).toBeUndefined();
    expect(sectionText(posts[1]!)).toContain('So sprechen Sie mit mir');
  });

  it('a button press (block_actions) reaches the core as {id, value} and is answered in the same thread', async () => {
    const ts = nextTs();
    await sendEvent(payloads.mention(ANNA, 'C0GENERAL', 'hilfe', ts));
    const [help] = await fake.waitFor('chat.postMessage');
    const pressed = await slack.interaction(
      payloads.blockActions(
        ANNA,
        { channel: 'C0GENERAL', ts: help!.response!.ts, thread_ts: ts, blocks: help!.args.blocks },
        buttonLabelled(help!, 'Frage stellen'),
      ),
    );
    expect(pressed.status).toBe(200);
    const posts = await fake.waitFor('chat.postMessage', () => true, 2);
    expect(posts[1]!.args).toMatchObject({ channel: 'C0GENERAL', thread_ts: ts });
    // knowledge.ask: the core asks for the question and offers the way back.
    expect(sectionText(posts[1]!)).toContain('Was möchten Sie wissen?');
    expect(JSON.parse(buttonLabelled(posts[1]!, 'Zurück zum Menü').value)).toEqual({ a: 'help.menu' });
  });

  it('a static_select choice reaches the core with the selected value', async () => {
    const post = await dm(ANNA, 'wahl');
    const select = elements(post).find((e) => e.type === 'static_select');
    expect(select.options.map((o: { text: { text: string } }) => o.text.text)).toEqual([
      'SAMR-Modell',
      'Digital Learning Canvas',
    ]);
    const option = select.options[1];
    await slack.interaction(
      payloads.blockActions(ANNA, { channel: DM_ANNA, ts: nextTs(), blocks: post.args.blocks }, select, {
        value: option.value,
        text: option.text.text,
      }),
    );
    const posts = await fake.waitFor('chat.postMessage', () => true, 2);
    expect(sectionText(posts[1]!)).toBe('Gewählt: dlc');
  });

  it('a form opens as a modal; field errors stay in the modal; a valid submission answers with the .ics file', async () => {
    const post = await dm(ANNA, 'anmeldung');
    expect(sectionText(post)).toContain('*Anmeldeformular*');
    await press(ANNA, post, 'Formular öffnen');
    const [open] = await fake.waitFor('views.open');
    expect(open!.args.trigger_id).toMatch(/trigger/);
    const view = open!.args.view;
    expect(view).toMatchObject({ type: 'modal', callback_id: 'lodile_form' });
    expect(view.title.text).toBe('Anmeldung zum Workshop');
    expect(view.submit.text).toBe('Anmelden');
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    const inputs = view.blocks.filter((b: any) => b.type === 'input');
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    expect(inputs.map((b: any) => [b.block_id, b.element.type, b.optional])).toEqual([
      ['name', 'plain_text_input', false],
      ['beginn', 'datetimepicker', false],
      ['tag', 'datepicker', true],
      ['personen', 'number_input', true],
      ['format', 'static_select', true],
      ['notiz', 'plain_text_input', true],
    ]);
    // 2027-03-01 10:00 in Berlin (CET) is 09:00 UTC.
    expect(inputs[1].element.initial_date_time).toBe(Date.UTC(2027, 2, 1, 9, 0) / 1000);
    const meta = JSON.parse(view.private_metadata);
    expect(meta.c).toBe(DM_ANNA);

    const values = (name: string, personen: string) => ({
      name: { value: { type: 'plain_text_input', value: name } },
      beginn: { value: { type: 'datetimepicker', selected_date_time: Date.UTC(2027, 3, 12, 12, 30) / 1000 } },
      tag: { value: { type: 'datepicker', selected_date: null } },
      personen: { value: { type: 'number_input', value: personen } },
      format: {
        value: {
          type: 'static_select',
          selected_option: { value: 'vor-ort', text: { type: 'plain_text', text: 'Vor Ort' } },
        },
      },
      notiz: { value: { type: 'plain_text_input', value: null } },
    });
    const bad = await slack.interaction(
      payloads.viewSubmission(ANNA, { ...view, id: 'V1' }, values('', '99')),
    );
    expect(bad.status).toBe(200);
    expect(await bad.json()).toEqual({
      response_action: 'errors',
      errors: { name: 'Bitte geben Sie Ihren Namen an.', personen: 'Bitte eine Zahl von 1 bis 20.' },
    });
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);

    const good = await slack.interaction(
      payloads.viewSubmission(ANNA, { ...view, id: 'V1' }, values('Anna <!channel>', '3')),
    );
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('');
    const posts = await fake.waitFor('chat.postMessage', () => true, 2);
    // 12:30 UTC on 12 April 2027 is 14:30 in Berlin (CEST); the core gets local time.
    expect(sectionText(posts[1]!)).toBe(
      'Danke, Anna &lt;!channel&gt;! Termin: 2027-04-12T14:30, Format: vor-ort, Personen: 3',
    );
    expect(posts[1]!.args.channel).toBe(DM_ANNA);
    const [complete] = await fake.waitFor('files.completeUploadExternal');
    expect(complete!.args.channel_id).toBe(DM_ANNA);
    const [getUrl] = fake.callsOf('files.getUploadURLExternal');
    expect(getUrl!.args.filename).toBe('workshop.ics');
    expect(fake.uploads).toHaveLength(1);
    expect(String(fake.uploads[0]!.bytes)).toContain('SUMMARY:Workshop Anna <!channel>');
    expect(complete!.args.files).toEqual([{ id: fake.uploads[0]!.fileId, title: 'workshop.ics' }]);
  });

  it('a slow form submission: the modal is closed within Slack’s time, the answer follows in the conversation', async () => {
    const post = await dm(ANNA, 'anmeldung');
    await press(ANNA, post, 'Formular öffnen');
    const [open] = await fake.waitFor('views.open');
    const values = {
      name: { value: { type: 'plain_text_input', value: 'Langsam' } },
      beginn: { value: { type: 'datetimepicker', selected_date_time: Date.UTC(2027, 3, 12, 12, 30) / 1000 } },
    };
    const res = await slack.interaction(
      payloads.viewSubmission(ANNA, { ...open!.args.view, id: 'V2' }, values),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    // Slack got its (empty) answer before the core finished.
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
    const posts = await fake.waitFor('chat.postMessage', () => true, 2);
    expect(sectionText(posts[1]!)).toContain('Danke, Langsam!');
    await fake.waitFor('files.completeUploadExternal');
  });

  it('a submitted form whose modal expired (unknown reference) gets a friendly message, nothing breaks', async () => {
    const res = await slack.interaction(
      payloads.viewSubmission(
        ANNA,
        {
          id: 'V9',
          callback_id: 'lodile_form',
          private_metadata: '{"r":"00000000-0000-0000-0000-000000000000"}',
        },
        {},
      ),
    );
    expect(res.status).toBe(200);
    const [post] = await fake.waitFor('chat.postMessage');
    expect(post!.args.channel).toBe(DM_ANNA);
    expect(sectionText(post!)).toContain('nicht mehr gültig');
  });

  it('a button with a foreign or broken value is answered with "nicht mehr gültig" and the menu', async () => {
    await slack.interaction(
      payloads.blockActions(
        ANNA,
        { channel: DM_ANNA, ts: nextTs(), blocks: [] },
        { type: 'button', action_id: 'b0:x', value: '{kaputt', text: { type: 'plain_text', text: 'X' } },
      ),
    );
    const [post] = await fake.waitFor('chat.postMessage');
    expect(sectionText(post!)).toContain('nicht mehr gültig');
    expect(elements(post!).length).toBeGreaterThan(0);
  });

  it('a file sent without text gets a friendly hint; edits and the bot’s own messages are ignored', async () => {
    await sendEvent(
      payloads.dm(ANNA, '', nextTs(), { subtype: 'file_share', files: [{ id: 'F1', name: 'a.pdf' }] }),
    );
    const [post] = await fake.waitFor('chat.postMessage');
    expect(sectionText(post!)).toContain('Dateien kann ich leider nicht lesen');
    await sendEvent(payloads.dm(ANNA, 'hilfe', nextTs(), { subtype: 'message_changed' }));
    await sendEvent(payloads.dm('UBOT', 'hilfe', nextTs(), { bot_id: 'BBOT' }));
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('escapes user text for mrkdwn so nobody can inject <!channel> or a fake link', async () => {
    const post = await dm(ANNA, 'echo <!channel> klick <https://evil.example|Ihre Bank> & **fett**');
    const text = sectionText(post);
    expect(text).toBe(
      'Sie schrieben: &lt;!channel&gt; klick &lt;https://evil.example|Ihre Bank&gt; &amp; *fett*',
    );
    expect(post.args.text).not.toContain('<!channel>');
  });

  it('splits a very long reply into several messages within Block Kit limits; long values survive via references', async () => {
    const ts = nextTs();
    await sendEvent(payloads.dm(ANNA, 'lang', ts));
    // The thinking reaction goes after the last part is posted: then the reply is complete.
    await fake.waitFor('reactions.remove', (c) => c.args.timestamp === ts, 1, 20_000);
    const posts = await fake.waitFor('chat.postMessage', () => true, 2);
    expect(posts.length).toBeGreaterThanOrEqual(2);
    for (const p of posts) expect(p.args.blocks.length).toBeLessThanOrEqual(50);
    const all = posts.map(sectionText).join('\n');
    expect(all).toContain('*Abschnitt 1.*');
    expect(all).toContain('*Abschnitt 700.*');
    expect(all).toContain('<https://lodile.de/a?x=1&amp;y=700|Mehr>');
    expect(all).toContain('&lt;Bedarf&gt;');
    const els = posts.flatMap(elements);
    const buttons = els.filter((e) => e.type === 'button');
    expect(buttons).toHaveLength(30);
    expect(buttons[0].text.text.length).toBeLessThanOrEqual(75);
    expect(buttons[0].text.text.endsWith('…')).toBe(true);
    const selects = els.filter((e) => e.type === 'static_select');
    expect(selects.map((s) => s.options.length)).toEqual([100, 50]);
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    const contexts = posts.flatMap((p) => p.args.blocks).filter((b: any) => b.type === 'context');
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    expect(contexts.flatMap((c: any) => c.elements).length).toBe(14 + 1);

    // The option whose value is too long for Slack (> 150) is stored and still arrives whole.
    fake.reset();
    const long = selects[0].options[7];
    await slack.interaction(
      payloads.blockActions(ANNA, { channel: DM_ANNA, ts: nextTs(), blocks: [] }, selects[0], {
        value: long.value,
        text: long.text.text,
      }),
    );
    const [answer] = await fake.waitFor('chat.postMessage');
    expect(sectionText(answer!)).toBe('lang.option=sehr-langer-wert-xxx… (217 Zeichen)');
  });

  it('/lodile from a channel: ephemeral hint in the channel, the answer in the DM; sub-commands map to the core', async () => {
    const res = await slack.command(payloads.slashCommand(ANNA, 'hilfe'));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Direktnachricht'),
    });
    const [post] = await fake.waitFor('chat.postMessage');
    expect(post!.args.channel).toBe(DM_ANNA);
    expect(sectionText(post!)).toContain('So sprechen Sie mit mir');

    const inDm = await slack.command(payloads.slashCommand(ANNA, 'frage echo Wie oft?', DM_ANNA));
    expect(inDm.status).toBe(200);
    expect(await inDm.text()).toBe('');
    const posts = await fake.waitFor('chat.postMessage', () => true, 2);
    expect(sectionText(posts[1]!)).toBe('Sie schrieben: Wie oft?');
  });

  it('the message shortcut "Frage an LoDiLe-Bot" answers the message text in the DM', async () => {
    const res = await slack.interaction(payloads.messageShortcut(ANNA, 'C0GENERAL', 'echo Was ist SAMR?'));
    expect(res.status).toBe(200);
    const [post] = await fake.waitFor('chat.postMessage');
    expect(post!.args.channel).toBe(DM_ANNA);
    expect(sectionText(post!)).toBe('Sie schrieben: Was ist SAMR?');
  });

  it('App Home: app_home_opened publishes the home view; its buttons answer in the DM', async () => {
    await sendEvent(payloads.homeOpened(ANNA));
    const [publish] = await fake.waitFor('views.publish');
    expect(publish!.args.user_id).toBe(ANNA);
    expect(publish!.args.view.type).toBe('home');
    // biome-ignore lint/suspicious/noExplicitAny: wire payload
    const buttons = publish!.args.view.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
    const help = buttons.find((b: { value: string }) => JSON.parse(b.value).a === 'help.menu');
    expect(help).toBeDefined();
    await slack.interaction(payloads.homeAction(ANNA, help));
    const [post] = await fake.waitFor('chat.postMessage');
    expect(post!.args.channel).toBe(DM_ANNA);
    expect(sectionText(post!)).toContain('So sprechen Sie mit mir');
  });

  it('speaks English to a user whose Slack locale is English (renderer texts too)', async () => {
    const post = await dm(BOB, 'anmeldung');
    expect(post.args.channel).toBe('D0BOB');
    expect(() => buttonLabelled(post, 'Open form')).not.toThrow();
    const hello = await dm(BOB, 'hello');
    expect(sectionText(hello)).toContain('Hello Bob!');
  });

  it('delivers proactive outbox messages to the user’s DM (conversations.open + chat.postMessage)', async () => {
    const reminder: Reply = {
      text: '**Erinnerung:** Ihre Sprechstunde beginnt in 15 Minuten.',
      actions: [{ id: 'help.menu', label: 'Menü' }],
    };
    await app.services.outbox.send({ key: `slack:${ANNA}`, channel: 'slack', id: ANNA }, [reminder]);
    const [post] = await fake.waitFor('chat.postMessage', () => true, 1, 10_000);
    expect(post!.args.channel).toBe(DM_ANNA);
    expect(sectionText(post!)).toBe('*Erinnerung:* Ihre Sprechstunde beginnt in 15 Minuten.');
    // The delivery is marked after Slack answered, in the dispatcher's own transaction: wait for its commit.
    const pending = async () => {
      const { rows } = await app.services.db.query(
        'SELECT 1 FROM outbox WHERE channel = $1 AND delivered_at IS NULL',
        ['slack'],
      );
      return rows.length;
    };
    await expect.poll(pending, { timeout: 10_000 }).toBe(0);
    expect(fake.callsOf('chat.postMessage')).toHaveLength(1);
  });
});
