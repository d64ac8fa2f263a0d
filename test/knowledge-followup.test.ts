import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.ts';

/**
 * Conversations on the shipped knowledge base (KNOWLEDGE_DIR default): a short follow-up keeps the topic of
 * the question before it, a new question that names its own topic is answered on its own.
 * Each turn names the articles whose passages answer it (title prefixes of the citation).
 */
const SPRECHSTUNDE = ['Die virtuelle Sprechstunde', 'Glossar › Virtuelle Sprechstunde'];
const WOL = ['Working Out Loud', 'Glossar › WOL'];
const SAMR = ['Das SAMR-Modell', 'Glossar › SAMR-Modell'];
const DLC = ['Die Digital Learning Canvas', 'Glossar › DLC'];
const SEMINAR = [
  'Das Einstiegsseminar',
  'Erkenntnisse aus dem Einstiegsseminar',
  'Glossar › Einstiegsseminar',
];
const ROADMAP = ['Roadmaps für digitales Lernen', 'Glossar › Roadmap'];
const CLUSTER = ['Das Cluster Sensorik', 'Glossar › Cluster Sensorik'];
const AKTIONSGRUPPE = ['Aktionsgruppen und Stakeholder', 'Glossar › Aktionsgruppe'];
const PROJEKT = ['Das Projekt CoDiCLUST'];
const OVERLOAD = ['Cognitive Overload', 'Glossar › Cognitive Overload'];
const LODILE = ['Die Rolle der Lots*innen', 'Glossar › LoDiLe'];
const DIGITALISIERUNG = ['Digitalisiertes Lernsystem'];
const OE = ['Organisationsentwicklung (OE)'];
const COMMUNITY = ['Die Digital Learning Community'];
/** No answer: the bot says so and offers a coach (who sees the topic as "Vorherige Frage"). */
const NONE = ['(keine Antwort)'];
const SERVICESTELLE = [
  'Die Servicestelle für digitales Lernen',
  'Warum eine Servicestelle',
  'Glossar › Servicestelle',
];
const COACHING = ['Das Coaching-System', 'Glossar › Coaching-System'];
const JOURNEY = ['Service Design und Partner Journey Map', 'Glossar › Partner Journey'];
const BEFRAGUNG = ['Betriebsbefragung im Cluster Sensorik', 'Glossar › Betriebsbefragung'];
const SPILLOVER = ['Wissensbasierte Kooperation', 'Glossar › Wissens-Spillover'];
const CODILE = ['Die Rolle der Coaches', 'Die drei Aufgabenbereiche der CoDiLe', 'Glossar › CoDiLe'];
const MOODLE = ['Glossar › Moodle', 'Die Digital Learning Community › Wie nutzte CoDiCLUST Moodle'];

/** A turn: the question, the articles that answer it, and whether it leans on the conversation's topic. */
type Turn = [question: string, articles: string[], followUp?: 'follow-up'];
const F = 'follow-up' as const;

const FOLLOW_UPS: Turn[][] = [
  [
    ['Was ist die virtuelle Sprechstunde?', SPRECHSTUNDE],
    ['Und wie oft findet sie statt?', SPRECHSTUNDE, F],
  ],
  [
    ['Was ist die virtuelle Sprechstunde?', SPRECHSTUNDE],
    ['Wer leitet sie?', SPRECHSTUNDE, F],
  ],
  [
    ['Was ist Working Out Loud?', WOL],
    ['Welche Prinzipien hat es?', WOL, F],
  ],
  [
    ['Was ist das SAMR-Modell?', SAMR],
    ['Und welche Stufen hat es?', SAMR, F],
  ],
  [
    ['Was ist die Digital Learning Canvas?', DLC],
    ['Worauf basiert sie?', DLC, F],
  ],
  [
    ['Was ist das Einstiegsseminar für Lotsinnen und Lotsen?', SEMINAR],
    ['Wie viele Personen haben es abgeschlossen?', SEMINAR, F],
  ],
  [
    ['Was ist eine Roadmap für digitales Lernen?', ROADMAP],
    ['Und wie entsteht sie?', ROADMAP, F],
  ],
  [
    ['Was ist das Sensorik-Cluster?', CLUSTER],
    ['Wie viele Mitglieder hat es?', CLUSTER, F],
  ],
  [
    ['Was ist die Digital Learning Canvas?', DLC],
    ['Wann wird sie eingesetzt?', DLC, F],
  ],
  [
    ['Was macht eine Aktionsgruppe?', AKTIONSGRUPPE],
    ['Wer koordiniert sie?', AKTIONSGRUPPE, F],
  ],
  [
    ['Was ist das SAMR-Modell?', SAMR],
    ['Wer hat es entwickelt?', SAMR, F],
  ],
  [
    ['Was ist das Einstiegsseminar?', SEMINAR],
    ['Welche Themen behandelt es?', SEMINAR, F],
  ],
  [
    ['Was ist die virtuelle Sprechstunde?', SPRECHSTUNDE],
    ['Und wie oft?', SPRECHSTUNDE, F],
    ['Welche Konferenzsysteme wurden dabei getestet?', SPRECHSTUNDE, F],
  ],
  [
    ['Was ist Working Out Loud?', WOL],
    ['Und welche Prinzipien hat es?', WOL, F],
    ['Was unterscheidet es von klassischen Lernnetzwerken?', WOL, F],
  ],
  [
    ['Wie entsteht eine Roadmap für digitales Lernen?', ROADMAP],
    ['Und wie viele wurden im Projekt begleitet?', ROADMAP, F],
  ],
  [
    ['Was ist die virtuelle Sprechstunde?', SPRECHSTUNDE],
    ['Und wie oft findet sie statt?', SPRECHSTUNDE, F],
    ['Und unter welchem Motto?', SPRECHSTUNDE, F],
    ['Was passiert dort?', SPRECHSTUNDE, F],
  ],
  // The topic is always found; it must not make an off-topic follow-up look answerable.
  [
    ['Was ist das Sensorik-Cluster?', CLUSTER],
    ['Und wann fährt dorthin ein Zug?', NONE, F],
  ],
  [
    ['Was ist die virtuelle Sprechstunde?', SPRECHSTUNDE],
    ['Und wie wird dort das Wetter morgen?', NONE, F],
  ],
];

const TOPIC_SWITCHES: Turn[][] = [
  [
    ['Was ist SAMR?', SAMR],
    ['Wie lange dauert das Einstiegsseminar?', SEMINAR],
  ],
  [
    ['Was ist SAMR?', SAMR],
    ['Was macht eine Aktionsgruppe?', AKTIONSGRUPPE],
  ],
  [
    ['Wie oft findet die virtuelle Sprechstunde statt?', SPRECHSTUNDE],
    ['Und was ist das SAMR-Modell?', SAMR],
  ],
  [
    ['Was ist die virtuelle Sprechstunde?', SPRECHSTUNDE],
    // The funder is the BMBF: its glossary entry answers as well as the project article.
    ['Wer hat CoDiCLUST finanziert?', [...PROJEKT, 'Glossar › BMBF']],
  ],
  [
    ['Welche Prinzipien hat Working Out Loud?', WOL],
    ['Was ist ein Cognitive Overload?', OVERLOAD],
  ],
  [
    ['Was ist das SAMR-Modell?', SAMR],
    ['Wer unterstützt die Lotsinnen und Lotsen?', LODILE],
  ],
  [
    ['Was ist Working Out Loud?', WOL],
    ['Welche Felder hat die Digital Learning Canvas?', DLC],
  ],
  [
    ['Was ist die Digital Learning Canvas?', DLC],
    ['Wie viele Mitglieder hat das Cluster Sensorik?', CLUSTER],
  ],
  [
    ['Was ist eine Aktionsgruppe?', AKTIONSGRUPPE],
    ['Und wie entsteht eine Roadmap?', ROADMAP],
  ],
  [
    ['Was ist die virtuelle Sprechstunde?', SPRECHSTUNDE],
    ['Was ist WOL?', WOL],
  ],
  [
    ['Was ist das SAMR-Modell?', SAMR],
    ['Und die virtuelle Sprechstunde?', SPRECHSTUNDE],
  ],
  [
    ['Wie viele Mitglieder hat das Cluster Sensorik?', CLUSTER],
    ['Wer leitet die virtuelle Sprechstunde?', SPRECHSTUNDE],
  ],
  [
    ['Was ist die virtuelle Sprechstunde?', SPRECHSTUNDE],
    ['Wo kann man die App Digital Learning Community herunterladen?', COMMUNITY],
  ],
  [
    ['Wie oft findet die virtuelle Sprechstunde statt?', SPRECHSTUNDE],
    ['Und was ist Moodle?', MOODLE],
  ],
  [
    ['Was ist die Digital Learning Canvas?', DLC],
    ['Was ist WOL und wer hat es erfunden?', WOL],
  ],
  // The polite "Sie" points to nobody.
  [
    ['Was ist die virtuelle Sprechstunde?', SPRECHSTUNDE],
    ['Können Sie mir sagen, was Digitalisierung bedeutet?', DIGITALISIERUNG],
  ],
  // A chain does not drift: after a new topic, the follow-up belongs to the new one.
  [
    ['Was ist Working Out Loud?', WOL],
    ['Und welche Prinzipien hat es?', WOL, F],
    ['Was ist die Digital Learning Canvas?', DLC],
    ['Und worauf basiert sie?', DLC, F],
  ],
  [
    ['Was ist die virtuelle Sprechstunde?', SPRECHSTUNDE],
    ['Und wie oft findet sie statt?', SPRECHSTUNDE, F],
    ['Was sind die Stärken von KMU bei Veränderungen?', OE],
  ],
];

/** Written after the rule was settled, to check it on conversations it was not tuned on. */
const HELD_OUT: Turn[][] = [
  [
    ['Welche Gamification-Elemente hat die App Digital Learning Community?', COMMUNITY],
    ['Und wo kann man sie herunterladen?', COMMUNITY, F],
  ],
  [
    ['Was ist die Servicestelle für digitales Lernen?', SERVICESTELLE],
    ['Warum braucht man sie im Cluster?', SERVICESTELLE, F],
  ],
  // The brochure says "nach Stepper", never who "erfunden" it: no answer rather than the WOL principles.
  [
    ['Was ist Working Out Loud?', WOL],
    ['Wer hat das erfunden?', NONE, F],
  ],
  [
    ['Was ist das Coaching-System für digitales Lernen?', COACHING],
    ['Welche Inhalte vermitteln die CoDiLe dabei?', COACHING, F],
  ],
  [
    ['Was ist eine Partner Journey Map?', JOURNEY],
    ['Wie wurde sie erarbeitet?', JOURNEY, F],
  ],
  [
    ['Was ist die Betriebsbefragung?', BEFRAGUNG],
    ['Und wann wurde sie durchgeführt?', BEFRAGUNG, F],
  ],
  [
    ['Wie oft findet die virtuelle Sprechstunde statt?', SPRECHSTUNDE],
    ['Und wie oft wurde die Betriebsbefragung durchgeführt?', BEFRAGUNG],
  ],
  [
    ['Was ist das SAMR-Modell?', SAMR],
    // The way to become one is the Einstiegsseminar (issue 11): its article answers as well.
    ['Wie wird man Lotsin für digitales Lernen?', [...LODILE, 'Das Einstiegsseminar']],
  ],
  [
    ['Was ist Working Out Loud?', WOL],
    ['Welche Vorteile haben virtuelle Lernkooperationen?', COMMUNITY],
  ],
  [
    ['Was ist die Digital Learning Canvas?', DLC],
    ['Und was machen die CoDiLe?', CODILE],
  ],
  [
    ['Was ist die virtuelle Sprechstunde?', SPRECHSTUNDE],
    ['Was ist ein Wissens-Spillover?', SPILLOVER],
  ],
];

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.close();
});

/**
 * Runs each conversation as its own user. A turn is right when the answer cites the right article and the
 * previous question it was searched with – what a coach sees as "Vorherige Frage" and what a language
 * model gets as context – is the conversation's topic for a follow-up, and none for a new question.
 */
async function run(conversations: Turn[][], prefix: string) {
  const wrong: string[] = [];
  let right = 0;
  let cited = 0;
  for (const [n, turns] of conversations.entries()) {
    const user = `${prefix}${n}`;
    let topic: string | undefined;
    let ok = true;
    let citesRight = true;
    for (const [question, articles, followUp] of turns) {
      const [reply] = await app.say(user, question);
      const title = reply?.citations?.[0]?.title ?? '(keine Antwort)';
      const { rows } = await app.services.db.query<{ context: string | null }>(
        'SELECT context FROM knowledge_questions WHERE user_key = $1 ORDER BY id DESC LIMIT 1',
        [`local:${user}`],
      );
      const context = rows[0]?.context ?? undefined;
      if (!followUp) topic = question;
      const expectedContext = followUp ? topic : undefined;
      if (!articles.some((a) => title.startsWith(a))) {
        citesRight = false;
        wrong.push(`${question} → ${title}`);
      }
      if (context !== expectedContext) wrong.push(`${question} searched with „${context ?? '–'}“`);
      ok &&= citesRight && context === expectedContext;
    }
    if (citesRight) cited++;
    if (ok) right++;
  }
  console.info(
    `${prefix}: ${cited}/${conversations.length} conversations cite the right article, ${right}/${conversations.length} also with the right context`,
  );
  return wrong;
}

describe('follow-up questions on the shipped knowledge base', () => {
  it('keeps the topic for a short follow-up ("Und wie oft findet sie statt?")', async () => {
    expect(await run(FOLLOW_UPS, 'follow-up')).toEqual([]);
  });

  it('answers a new question on its own topic, also after a chain of follow-ups', async () => {
    expect(await run(TOPIC_SWITCHES, 'switch')).toEqual([]);
  });

  it('holds on conversations the rule was not tuned on', async () => {
    expect(await run(HELD_OUT, 'held-out')).toEqual([]);
  });
});
