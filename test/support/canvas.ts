import { expect } from 'vitest';
import type { TestApp, WireReply } from './app.ts';

/** Small helpers for driving the canvas conversation through the local API. */
export const allText = (replies: WireReply[]) => replies.map((r) => r.text).join('\n');

export function button(replies: WireReply[], id: string): { id: string; value?: string } {
  for (const r of replies) {
    const a = r.actions?.find((x) => x.id === id);
    if (a) return { id: a.id, value: a.value };
  }
  throw new Error(`no button ${id} in: ${JSON.stringify(replies.map((r) => r.actions?.map((a) => a.id)))}`);
}

export function hasButton(replies: WireReply[], id: string): boolean {
  return replies.some((r) => r.actions?.some((a) => a.id === id));
}

export function choice(replies: WireReply[], id: string, labelPart: string): { id: string; value: string } {
  for (const r of replies) {
    if (r.choice?.id !== id) continue;
    const o = r.choice.options.find((x) => x.label.includes(labelPart));
    if (o) return { id, value: o.value };
  }
  throw new Error(`no choice ${id} / ${labelPart}`);
}

export function form(replies: WireReply[], idPrefix: string) {
  const f = replies.find((r) => r.form?.id.startsWith(idPrefix))?.form;
  if (!f) throw new Error(`no form ${idPrefix}`);
  return f;
}

export const SAMPLE = {
  title: 'Kurzvideos für die Umrüstung an Linie 3',
  goal: 'Bis Ende Juni 2030 können alle 24 Maschinenbediener*innen die Umrüstung der Linie 3 mit fünf Kurzvideos selbstständig durchführen; die Rückfragen an die Schichtleitung sinken um die Hälfte.',
  situation:
    'Einarbeitung mit Papier-Handbüchern; erfahrene Kolleg*innen unterbrechen ihre Arbeit. WLAN und zwei Tablets sind da.',
  stakeholders:
    'Entscheidet: Produktionsleiter Herr Yilmaz. Betroffen: alle drei Schichten. Unterstützt: Betriebsrat und IT.',
  audience:
    '24 Maschinenbediener*innen im Dreischichtbetrieb, 19 bis 61 Jahre, teils wenig Deutschkenntnisse.',
  needs:
    'Schnelle Hilfe direkt an der Maschine, ohne lange Texte; die zwölf Handgriffe der Umrüstung in Reihenfolge.',
  attitude:
    'Jüngere schauen Erklärvideos ohnehin auf dem Handy; einige Ältere fürchten um ihr Erfahrungswissen.',
  medium:
    'Fünf Kurzvideos per QR-Code an der Maschine, jederzeit wiederholbar – Lernen genau im Moment des Bedarfs.',
  learnResult: 'Die Videos werden genutzt, die Umrüstzeit sank um 20 Prozent.',
  learnCollab: 'Eng und offen mit dem Betriebsrat und der Schichtleitung.',
  learnLearned: 'Untertitel sind wichtiger als gedacht.',
};

/** Walks one user through a complete canvas with SAMPLE answers; returns the final replies (summary). */
export async function completeCanvas(app: TestApp, user: string, title = SAMPLE.title): Promise<WireReply[]> {
  let r = await app.say(user, 'neue canvas');
  expect(allText(r)).toContain('Schritt 1 von 10');
  r = await app.say(user, title);
  for (const answer of [
    SAMPLE.goal,
    SAMPLE.situation,
    SAMPLE.stakeholders,
    SAMPLE.audience,
    SAMPLE.needs,
    SAMPLE.attitude,
  ]) {
    r = await app.say(user, answer);
  }
  r = await app.say(user, SAMPLE.medium);
  r = await app.say(user, choice(r, 'canvas.samr', 'Augmentation'));
  expect(allText(r)).toContain('Schritt 9 von 10');
  r = await app.say(user, 'Drehbuch fertig; 15.03.2030; Frau Jansen');
  r = await app.say(user, button(r, 'canvas.next'));
  r = await app.say(user, SAMPLE.learnResult);
  r = await app.say(user, SAMPLE.learnCollab);
  r = await app.say(user, SAMPLE.learnLearned);
  return r;
}
