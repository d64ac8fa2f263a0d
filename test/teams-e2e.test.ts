import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { action } from '../src/core/actions.ts';
import type { Capability } from '../src/core/context.ts';
import type { Reply } from '../src/core/reply.ts';
import { adaptiveCardProblems } from './support/adaptive-cards.ts';
import { type ConnectorCall, cardOf } from './support/fake-connector.ts';
import {
  anna,
  BOT,
  ben,
  botInstalled,
  CHANNEL_ROOT,
  channelMessage,
  executed,
  personalConversation,
  personalMessage,
  startTeamsTestApp,
  submitted,
  type TeamsTestApp,
} from './support/teams.ts';

/**
 * A small real capability that produces every part of the reply model (form with all field types and
 * server-side validation, choice, buttons, files), so the Teams channel is exercised generically.
 */
const probe: Capability = {
  name: 'probe',
  command: /^(formular|auswahl|datei)$/i,
  async onText(ctx, text) {
    if (/^auswahl$/i.test(text)) return [choiceReply()];
    if (/^datei$/i.test(text)) {
      const ics = await ctx.services.files.save(
        ctx.user.key,
        'sprechstunde.ics',
        'text/calendar',
        'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//LoDiLe//probe//DE\r\nEND:VCALENDAR\r\n',
      );
      return [{ text: 'Hier ist Ihre Einladung.', files: [ics] }];
    }
    return [formReply()];
  },
  actions: {
    send: action(z.unknown(), async (ctx, _value, incoming) => {
      const f = incoming.fields ?? {};
      const errors: Record<string, string> = {};
      if (!f.name?.trim()) errors.name = 'Bitte geben Sie Ihren Namen an.';
      if (f.teilnehmende && !/^\d+$/.test(f.teilnehmende)) errors.teilnehmende = 'Bitte eine ganze Zahl.';
      if (Object.keys(errors).length) return [formReply(f, errors)];
      const png = await ctx.services.files.save(
        ctx.user.key,
        'canvas.png',
        'image/png',
        Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
      );
      return [
        {
          text: `Danke, **${f.name}**! Termin: ${f.termin}, Format: ${f.format}.`,
          files: [png],
          actions: [{ id: 'help.menu', label: 'Zum Menü' }],
        },
      ];
    }),
    pick: action(z.unknown(), async (_ctx, _value, incoming) => [
      { text: `Sie haben ${incoming.value} gewählt.` },
    ]),
  },
};

function formReply(values: Record<string, string> = {}, errors?: Record<string, string>): Reply {
  return {
    text: 'Bitte füllen Sie das Formular aus.',
    form: {
      id: 'probe.send',
      title: 'Anmeldung',
      submitLabel: 'Absenden',
      errors,
      fields: [
        { id: 'name', label: 'Name', type: 'text', required: true, value: values.name, maxLength: 80 },
        { id: 'ziel', label: 'Lernziel', type: 'textarea', value: values.ziel },
        { id: 'start', label: 'Start', type: 'date', value: values.start },
        { id: 'termin', label: 'Termin', type: 'datetime', required: true, value: values.termin },
        {
          id: 'format',
          label: 'Format',
          type: 'select',
          required: true,
          value: values.format,
          options: [
            { value: 'sprechstunde', label: 'Virtuelle Sprechstunde' },
            { value: 'ecoaching', label: 'E-Coaching' },
          ],
        },
        {
          id: 'teilnehmende',
          label: 'Teilnehmende',
          type: 'number',
          min: 1,
          max: 20,
          value: values.teilnehmende,
        },
      ],
    },
    actions: [{ id: 'help.menu', label: 'Zurück' }],
  };
}

function choiceReply(): Reply {
  return {
    text: 'Welches Format passt?',
    choice: {
      id: 'probe.pick',
      label: 'Format',
      options: [
        { value: 'samr', label: 'SAMR' },
        { value: 'canvas', label: 'Canvas' },
      ],
    },
    actions: [{ id: 'help.menu', label: 'Abbrechen' }],
  };
}

let app: TeamsTestApp;
const url = () => app.connector.url;

beforeAll(async () => {
  app = await startTeamsTestApp({}, [probe]);
});

afterAll(async () => {
  // Every card the bot sent, updated or returned in an invoke parses cleanly with Microsoft's library.
  const cards = [
    ...app.connector.history.map(cardOf).filter(Boolean),
    ...app.invokeBodies.map((b) => (b as { value?: unknown }).value).filter((v) => typeof v === 'object'),
  ];
  expect(cards.length).toBeGreaterThan(8);
  for (const card of cards) expect(adaptiveCardProblems(card), JSON.stringify(card)).toEqual([]);
  await app?.close();
});

beforeEach(() => app.connector.clear());

const texts = (card: Record<string, unknown> | undefined) => JSON.stringify(card ?? {});
const submits = (
  card: Record<string, unknown> | undefined,
): { title: string; data: { lodile: { action: string; card: string; value?: string } } }[] => {
  const out: { title: string; data: { lodile: { action: string; card: string } } }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'Action.Submit') out.push(o as never);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
};
async function waitFor(check: () => Promise<boolean>, ms = 8000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
const only = (calls: ConnectorCall[]) => {
  expect(calls).toHaveLength(1);
  return calls[0]!;
};

describe('Teams: conversation', () => {
  it('greets with the core welcome and its three buttons when the app is installed', async () => {
    const res = await app.post(botInstalled(url()));
    expect(res.status).toBe(200);
    const msg = only(app.connector.messages());
    const card = cardOf(msg)!;
    expect(texts(card)).toContain('Hallo Anna Lotsin! Ich bin der LoDiLe-Bot');
    expect(submits(card).map((s) => s.data.lodile.action)).toEqual([
      'knowledge.ask',
      'canvas.start',
      'booking.start',
    ]);
    expect(msg.conversationId).toBe(personalConversation().id);
  });

  it('answers a personal message in the reply chain, typing first, with locale and time zone stored', async () => {
    const activity = personalMessage(url(), 'Hallo', { timezone: 'America/New_York' });
    await app.post(activity);
    const calls = app.connector.calls;
    expect(calls[0]!.body.type).toBe('typing');
    const msg = only(app.connector.messages());
    expect(msg.kind).toBe('reply');
    expect(msg.activityId).toBe(activity.id);
    expect(msg.body.replyToId).toBe(activity.id);
    expect(texts(cardOf(msg))).toContain('Womit möchten Sie anfangen?');
    const { rows } = await app.db.query<{ time_zone: string; display_name: string }>(
      'SELECT time_zone, display_name FROM users WHERE user_key = $1',
      [`teams:${anna.aadObjectId}`],
    );
    expect(rows[0]).toEqual({ time_zone: 'America/New_York', display_name: 'Anna Lotsin' });
  });

  it('answers in English for an English Teams client', async () => {
    await app.post(personalMessage(url(), 'hello', { user: ben, locale: 'en-US' }));
    const card = cardOf(only(app.connector.messages()));
    expect(texts(card)).toContain('Hello Ben Berger! I am LoDiLe-Bot');
    expect(submits(card).map((s) => s.title)).toEqual([
      'Ask a question',
      'Fill in a canvas',
      'Book a consultation',
    ]);
  });

  it('stays silent in a channel unless @mentioned, then answers in the thread without the mention text', async () => {
    await app.post(channelMessage(url(), 'hilfe', { mention: false }));
    expect(app.connector.calls).toEqual([]);

    const activity = channelMessage(url(), 'hilfe');
    await app.post(activity);
    // No typing indicator in channels (Teams does not show it there).
    expect(app.connector.calls.filter((c) => c.body.type === 'typing')).toEqual([]);
    const msg = only(app.connector.messages());
    expect(msg.kind).toBe('reply');
    expect(msg.conversationId).toBe(`${CHANNEL_ROOT};messageid=${activity.id}`);
    expect(msg.activityId).toBe(activity.id);
    // "<at>LoDiLe-Bot</at> hilfe" reached the core as "hilfe": the help overview, not a greeting.
    expect(texts(cardOf(msg))).toContain('So sprechen Sie mit mir');
  });

  it('explains that it reads text only when a user sends just a file', async () => {
    await app.post({
      ...personalMessage(url(), ''),
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'foto.png',
          content: { downloadUrl: 'https://example.org/x', fileType: 'png' },
        },
      ],
    });
    expect(only(app.connector.messages()).body.text).toBe(
      'Dateien und Bilder kann ich leider nicht lesen. Bitte schreiben Sie mir Ihre Frage als Text.',
    );
  });

  it('sends plain text replies as Markdown messages', async () => {
    await app.post(personalMessage(url(), 'x'.repeat(5000)));
    const msg = only(app.connector.messages());
    expect(cardOf(msg)).toBeUndefined();
    expect(msg.body.textFormat).toBe('markdown');
    expect(msg.body.text).toMatch(/Ihre Nachricht ist mit 5000 Zeichen zu lang/);
  });
});

describe('Teams: cards', () => {
  it('walks a form: validation errors from the core, card updated in place, files as image and download', async () => {
    await app.post(personalMessage(url(), 'formular'));
    const formMsg = only(app.connector.messages());
    const form = cardOf(formMsg)!;
    const body = form.body as { type: string; id?: string; isMultiline?: boolean; isRequired?: boolean }[];
    expect(body.map((e) => e.type)).toEqual([
      'TextBlock',
      'TextBlock',
      'Input.Text',
      'Input.Text',
      'Input.Date',
      'Input.Date',
      'Input.Time',
      'Input.ChoiceSet',
      'Input.Number',
      'ActionSet',
    ]);
    expect(body.find((e) => e.id === 'field_ziel')?.isMultiline).toBe(true);
    expect(body.find((e) => e.id === 'field_name')?.isRequired).toBe(true);
    const [send, back] = submits(form);
    expect(send!.title).toBe('Absenden');
    expect((back as unknown as { associatedInputs: string }).associatedInputs).toBe('none');
    const cardId = send!.data.lodile.card;

    // Submit without a name: Teams would block it client-side, but the server validates too.
    app.connector.clear();
    await app.post(
      submitted(
        url(),
        {
          ...send!.data,
          field_name: '',
          field_termin__date: '2026-12-03',
          field_termin__time: '10:00',
          field_format: 'ecoaching',
          field_teilnehmende: '3',
        },
        formMsg.assignedId,
      ),
    );
    const update = only(app.connector.calls.filter((c) => c.kind === 'update'));
    expect(update.activityId).toBe(formMsg.assignedId);
    expect(texts(cardOf(update))).toContain('Gesendet: Absenden');
    expect(submits(cardOf(update))).toEqual([]);
    const retry = only(app.connector.messages());
    const retryCard = cardOf(retry)!;
    expect(texts(retryCard)).toContain('⚠ Bitte geben Sie Ihren Namen an.');
    // The values survive the round trip: the datetime is split into date and time again.
    expect(texts(retryCard)).toContain('"value":"2026-12-03"');
    expect(texts(retryCard)).toContain('"value":"10:00"');

    // Pressing the first (now used) card again does nothing but say so.
    app.connector.clear();
    await app.post(submitted(url(), { ...send!.data, field_name: 'Anna' }, formMsg.assignedId));
    expect(only(app.connector.messages()).body.text).toMatch(/bereits beantwortet/);
    expect(cardId).toMatch(/^[0-9a-f-]{36}$/);

    // Correct submission of the new card.
    app.connector.clear();
    const send2 = submits(retryCard)[0]!;
    await app.post(
      submitted(
        url(),
        {
          ...send2.data,
          field_name: 'Anna',
          field_termin__date: '2026-12-03',
          field_termin__time: '10:00',
          field_format: 'ecoaching',
          field_teilnehmende: '3',
        },
        retry.assignedId,
      ),
    );
    const done = cardOf(only(app.connector.calls.filter((c) => c.kind === 'update')))!;
    expect(texts(done)).toContain('"title":"Termin","value":"03.12.2026, 10:00"');
    expect(texts(done)).toContain('"title":"Format","value":"E-Coaching"');
    const answer = cardOf(only(app.connector.messages()))!;
    expect(texts(answer)).toContain('Danke, **Anna**! Termin: 2026-12-03T10:00, Format: ecoaching.');
    const image = (answer.body as { type: string; url?: string }[]).find((e) => e.type === 'Image')!;
    const link = new URL(image.url!);
    expect(link.pathname).toMatch(/^\/api\/teams\/files\/[0-9a-f-]{36}$/);
    const png = await fetch(app.url + link.pathname + link.search);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('offers an .ics as a download that opens as a calendar file', async () => {
    await app.post(personalMessage(url(), 'datei'));
    const card = cardOf(only(app.connector.messages()))!;
    const open = JSON.stringify(card).match(
      /"type":"Action.OpenUrl","title":"📅 sprechstunde.ics","url":"([^"]+)"/,
    );
    expect(open).not.toBeNull();
    const link = new URL(open![1]!);
    const res = await fetch(app.url + link.pathname + link.search);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''sprechstunde.ics/);
    expect(await res.text()).toContain('BEGIN:VCALENDAR');
  });

  it('handles Action.Execute (invoke adaptiveCard/action) with the used card as invoke response', async () => {
    await app.post(personalMessage(url(), 'auswahl'));
    const choiceMsg = only(app.connector.messages());
    const card = cardOf(choiceMsg)!;
    expect(texts(card)).toContain('"type":"Input.ChoiceSet","id":"lodile_choice"');
    const pick = submits(card)[0]!;
    app.connector.clear();

    const res = await app.post(
      executed(url(), 'probe.pick', { ...pick.data, lodile_choice: 'canvas' }, choiceMsg.assignedId),
    );
    expect(res.status).toBe(200);
    const invoke = res.body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(invoke.statusCode).toBe(200);
    expect(invoke.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(texts(invoke.value)).toContain('Ausgewählt: Canvas');
    expect(submits(invoke.value)).toEqual([]);
    expect(only(app.connector.messages()).body.text).toBe('Sie haben canvas gewählt.');

    // A second press of the same card is refused in the invoke response, without running the core.
    app.connector.clear();
    const again = await app.post(
      executed(url(), 'probe.pick', { ...pick.data, lodile_choice: 'samr' }, choiceMsg.assignedId),
    );
    expect((again.body as { value: string }).value).toMatch(/bereits beantwortet/);
    expect(app.connector.messages()).toEqual([]);
  });

  it('counts a double click on a card once', async () => {
    await app.post(personalMessage(url(), 'auswahl'));
    const msg = only(app.connector.messages());
    const pick = submits(cardOf(msg))[0]!;
    app.connector.clear();
    await Promise.all([
      app.post(submitted(url(), { ...pick.data, lodile_choice: 'samr' }, msg.assignedId)),
      app.post(submitted(url(), { ...pick.data, lodile_choice: 'samr' }, msg.assignedId)),
    ]);
    const answers = app.connector.messages().map((c) => String(c.body.text));
    expect(answers.sort()).toEqual([
      'Diese Karte haben Sie bereits beantwortet. Bitte machen Sie mit der neuesten Nachricht weiter.',
      'Sie haben samr gewählt.',
    ]);
    expect(app.connector.calls.filter((c) => c.kind === 'update')).toHaveLength(1);
  });

  it('does not let someone else press a card in a channel', async () => {
    const activity = channelMessage(url(), 'auswahl');
    await app.post(activity);
    const msg = only(app.connector.messages());
    const pick = submits(cardOf(msg))[0]!;
    app.connector.clear();
    await app.post(
      submitted(url(), { ...pick.data, lodile_choice: 'samr' }, msg.assignedId, {
        user: ben,
        conversation: (activity as { conversation: object }).conversation,
      }),
    );
    expect(only(app.connector.messages()).body.text).toMatch(/gehört zur Unterhaltung einer anderen Person/);
    expect(app.connector.calls.filter((c) => c.kind === 'update')).toEqual([]);
  });
});

describe('Teams: personal data', () => {
  it('"meine daten" lists what Teams stores, and erasing it leaves nothing behind', async () => {
    const dora = { id: '29:1dora', name: 'Dora Datenschutz', aadObjectId: 'aad-dora-0004' };
    const key = `teams:${dora.aadObjectId}`;
    // What the Teams chat stores appears once there is some: after Dora's first message.
    await app.post(personalMessage(url(), 'hallo', { user: dora }));
    app.connector.clear();
    await app.post(personalMessage(url(), 'meine daten', { user: dora }));
    let msg = only(app.connector.messages());
    expect(texts(cardOf(msg))).toContain('**Teams-Unterhaltungen** (1)');
    const press = async (action: string) => {
      const button = submits(cardOf(msg)).find((s) => s.data.lodile.action === action)!;
      app.connector.clear();
      await app.post(submitted(url(), button.data, msg.assignedId, { user: dora }));
      msg = only(app.connector.messages());
    };
    await press('privacy.erase');
    await press('privacy.confirmErase');
    expect(texts(cardOf(msg) ?? { text: msg.body.text })).toMatch(/gelöscht/);
    for (const table of ['teams_conversations', 'teams_cards', 'users']) {
      const { rows } = await app.db.query(`SELECT 1 FROM ${table} WHERE user_key = $1`, [key]);
      expect(rows, table).toEqual([]);
    }
  });
});

describe('Teams: proactive messages', () => {
  it('delivers an outbox message once into the personal chat', async () => {
    await app.post(personalMessage(url(), 'hallo'));
    app.connector.clear();
    await app.services.outbox.send(
      { key: `teams:${anna.aadObjectId}`, channel: 'teams', id: anna.aadObjectId },
      [
        {
          text: 'Erinnerung: Ihre Sprechstunde beginnt in 15 Minuten.',
          actions: [{ id: 'help.menu', label: 'Menü' }],
        },
      ],
    );
    await app.connector.waitFor((calls) => calls.some((c) => c.body.type === 'message'));
    // Give the dispatcher a few more rounds: still exactly one delivery.
    await new Promise((r) => setTimeout(r, 2500));
    const msg = only(app.connector.messages());
    expect(msg.kind).toBe('send');
    expect(msg.conversationId).toBe(personalConversation().id);
    expect(texts(cardOf(msg))).toContain('Erinnerung: Ihre Sprechstunde beginnt in 15 Minuten.');
    expect((msg.body.recipient as { id: string }).id).toBe(anna.id);
    expect((msg.body.from as { id: string }).id).toBe(BOT.id);
    const { rows } = await app.db.query<{ delivered: boolean }>(
      "SELECT delivered_at IS NOT NULL AS delivered FROM outbox WHERE channel = 'teams'",
    );
    expect(rows).toEqual([{ delivered: true }]);
    // The reminder's buttons work like any other card.
    const menu = submits(cardOf(msg))[0]!;
    app.connector.clear();
    await app.post(submitted(url(), menu.data, msg.assignedId));
    expect(app.connector.calls.filter((c) => c.kind === 'update')).toHaveLength(1);
  });

  it('opens a personal chat for a user known only from a channel', async () => {
    const carla = { id: '29:1carla', name: 'Carla Coach', aadObjectId: 'aad-carla-0003' };
    await app.post(channelMessage(url(), 'hallo', { user: carla }));
    app.connector.clear();
    await app.services.outbox.sendToUser(`teams:${carla.aadObjectId}`, [
      { text: 'Neue Buchung: Anna Lotsin, 3.12., 10:00' },
    ]);
    await app.connector.waitFor((calls) => calls.some((c) => c.body.type === 'message'));
    const create = only(app.connector.calls.filter((c) => c.kind === 'create'));
    expect(create.body).toMatchObject({
      isGroup: false,
      bot: BOT,
      members: [{ id: carla.id }],
      tenantId: expect.any(String),
    });
    const msg = only(app.connector.messages());
    expect(msg.conversationId).toBe(create.conversationId);
    expect(msg.body.text).toBe('Neue Buchung: Anna Lotsin, 3.12., 10:00');
    // The delivery commits after the connector call; wait for it before reading what was remembered.
    await waitFor(async () => {
      const { rows: pending } = await app.db.query(
        "SELECT 1 FROM outbox WHERE channel = 'teams' AND delivered_at IS NULL",
      );
      return pending.length === 0;
    });
    const { rows } = await app.db.query<{ id: string }>(
      "SELECT personal_ref->'conversation'->>'id' AS id FROM teams_conversations WHERE user_key = $1",
      [`teams:${carla.aadObjectId}`],
    );
    expect(rows[0]!.id).toBe(create.conversationId);
  });
});

describe('Teams: bad input', () => {
  it('rejects bodies that are not activities with 400 and a clear message', async () => {
    const bad = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"type":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'malformed JSON' });
    const noConversation = await app.post({ type: 'message', text: 'hi', serviceUrl: url() });
    expect(noConversation).toEqual({ status: 400, body: { error: 'activity "conversation.id" is missing' } });
    expect(app.connector.calls).toEqual([]);
  });
});
