import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { automation } from './support/app.ts';
import { createServerDatabase, dropServerDatabase } from './support/db.ts';
import { type BotProcess, startBotProcess } from './support/process.ts';

interface Wire {
  text: string;
  actions?: { id: string; value?: string }[];
  choice?: { id: string; options: { value: string; label: string }[] };
  form?: { id: string };
}

const serverUrl = process.env.TEST_DATABASE_URL;

/**
 * Two bot processes on one PostgreSQL database, as two pods behind a load balancer: a conversation that
 * alternates between them stays consistent, and a reminder due while both run is delivered once.
 */
describe.skipIf(!serverUrl)(
  'scale-out: two bot processes on one PostgreSQL server',
  { timeout: 300_000 },
  () => {
    let dbUrl: URL;
    let a: BotProcess;
    let b: BotProcess;
    // The slot of the reminder test: three days ahead, 16:00 in Berlin.
    const day = DateTime.now().setZone('Europe/Berlin').plus({ days: 3 }).toISODate()!;
    const slotStart = DateTime.fromISO(`${day}T16:00`, { zone: 'Europe/Berlin' }).toMillis();

    beforeAll(async () => {
      dbUrl = await createServerDatabase(serverUrl!);
      const env = {
        DATABASE_URL: dbUrl.href,
        COACHES: 'local:coach1',
        // One reminder that falls due one to two minutes from now, while both processes run.
        REMINDER_OFFSETS_MINUTES: String(Math.floor((slotStart - Date.now()) / 60_000) - 1),
        RATE_LIMIT_PER_MINUTE: '1000',
      };
      [a, b] = await Promise.all([startBotProcess(env), startBotProcess(env)]);
    });
    afterAll(async () => {
      await Promise.all([a?.stop(), b?.stop()]);
      if (dbUrl) await dropServerDatabase(serverUrl!, dbUrl.pathname.slice(1));
    });

    const say = async (bot: BotProcess, user: string, input: string | object): Promise<Wire[]> => {
      const body = typeof input === 'string' ? { user, text: input } : { user, action: input };
      const res = await fetch(`${bot.url}/api/local/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...automation },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { replies: Wire[] }).replies;
    };
    const text = (r: Wire[]) => r.map((x) => x.text).join('\n');

    it('keeps a canvas conversation consistent when every turn lands on the other process', async () => {
      const answers = [
        ['Kurzvideos für die Umrüstung an Linie 3', 'Schritt 2 von 10'],
        [
          'Bis Ende Juni 2030 können alle 24 Maschinenbediener*innen die Umrüstung mit fünf Kurzvideos selbstständig durchführen.',
          'Schritt 3 von 10',
        ],
        ['Einarbeitung bisher mit Papier-Handbüchern; WLAN und Tablets sind da.', 'Schritt 4 von 10'],
        [
          'Entscheidet: Produktionsleitung. Betroffen: drei Schichten. Unterstützt: Betriebsrat.',
          'Schritt 5 von 10',
        ],
      ];
      let replies = await say(a, 'lena', 'canvas starten');
      expect(text(replies)).toContain('Schritt 1 von 10');
      let bot = b;
      for (const [answer, next] of answers) {
        replies = await say(bot, 'lena', answer!);
        expect(text(replies)).toContain(next);
        bot = bot === a ? b : a;
      }
      // The "zurück" button of the last answer, pressed on the other process, goes back to step 4.
      const backButton = replies.flatMap((r) => r.actions ?? []).find((x) => x.id === 'canvas.back')!;
      const back = text(await say(bot, 'lena', backButton));
      expect(back).toContain('Schritt 4 von 10');
      expect(back).toContain('Betriebsrat');
      const other = bot === a ? b : a;
      const overview = text(await say(other, 'lena', 'meine canvases'));
      expect(overview).toContain('Kurzvideos für die Umrüstung an Linie 3');
    });

    it('delivers a due reminder exactly once although both processes run the reminder job', async () => {
      await say(a, 'coach1', 'hallo');
      const published = await say(a, 'coach1', {
        id: 'booking.publish',
        fields: {
          kind: 'sprechstunde',
          title: 'Sprechstunde Skalierung',
          date: day,
          start: '16:00',
          end: '17:00',
          duration: '',
          seats: '5',
          link: 'https://meet.example.org/lodile',
          note: '',
          every: '0',
          weeks: '1',
        },
      });
      expect(text(published)).toContain('Veröffentlicht');

      const list = await say(b, 'tom', 'termin buchen');
      const slot = list.find((r) => r.choice)!.choice!.options[0]!.value;
      await say(a, 'tom', { id: 'booking.pick', value: slot });
      expect(text(await say(b, 'tom', { id: 'booking.confirm', fields: { topic: '' } }))).toContain(
        'Gebucht',
      );

      // Both processes run the reminder job every 30 s; collect tom's inbox from both until the reminder has
      // arrived and two more job rounds have passed.
      const reminders: string[] = [];
      const deadline = Date.now() + 200_000;
      let quietUntil = Number.POSITIVE_INFINITY;
      while (Date.now() < Math.min(deadline, quietUntil)) {
        for (const bot of [a, b]) {
          const res = await fetch(`${bot.url}/api/local/users/tom/inbox`, { headers: automation });
          const { messages } = (await res.json()) as { messages: { replies: Wire[] }[] };
          for (const m of messages) reminders.push(text(m.replies));
        }
        if (reminders.length && quietUntil === Number.POSITIVE_INFINITY) quietUntil = Date.now() + 65_000;
        await new Promise((r) => setTimeout(r, 1000));
      }
      expect(reminders.filter((r) => /Erinnerung/.test(r))).toHaveLength(1);
      expect(reminders.join('\n')).toContain('Sprechstunde Skalierung');
    });
  },
);
