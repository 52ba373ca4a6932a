// Every route the app has, enumerated from the app itself, tried as each of the people in ACCESS_ROLES: the outcome
// must be what src/policies/route-access.ts declares next to the rules. A route nobody declared fails, so a new route
// cannot slip in unguarded; so does a declaration for a route the app no longer has.
//
// Path parameters name cohort A's records (tests/support/world.ts). A GET is allowed when it answers 200 or sends the
// person onwards (to give consent, say); a POST, sent empty with our own Origin, when it is anything but a refusal
// (usually 422 or 303). Refused is 401, 403, 404 or being sent to sign in. Whatever the answer, a body never holds health
// data its reader may not see: the world's texts serve as sentinels.
//
// Known disagreements between the app and the rules are listed in KNOWN_BUGS: their cells run as `it.fails` against the
// declared (correct) expectation, so the suite stays green, the list is printed, and fixing one turns its test red
// until the entry is removed.
//
//   ACCESS_REPORT  set to print every route's row of outcomes
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, testEngine } from './support/app.ts';
import type { Page, TestClient } from './support/client.ts';
import { PASSWORD, signIn } from './support/factories.ts';
import { addActivity, addKnowledge, draftOf, revisionOf } from './support/curriculum.ts';
import { buildWorld, expandAlternatives, resolveParam, type World } from './support/world.ts';
import { keepPendingSave } from '../src/features/private/resume/commands.ts';
import { ACCESS_ROLES, ROUTE_ACCESS, type AccessRole } from '../src/policies/route-access.ts';

const REPORT = Boolean(process.env.ACCESS_REPORT);

const t = await buildTestApp();

/** Cells where the app is known to disagree with the rules; each names the route, who, and what goes wrong. */
const KNOWN_BUGS: { route: string; role: AccessRole; got: string; why: string }[] = [];

/** Routes that undo a login session or a record other routes need: tried last, and the world is repaired before each route. */
const DESTRUCTIVE = /\/(remove|deactivate|sign-out|unshare|decline|accept|close|revoke|password|restore)$|^POST \/my\/wellbeing$/;
const appRoutes = [...new Set(t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))];
const order = (key: string) => (key.startsWith('GET ') ? 0 : DESTRUCTIVE.test(key) ? 2 : 1);
const routes = [...appRoutes].sort((a, b) => order(a) - order(b));

/** Health data the world writes, and who may ever see it in a body. */
const READINESS_NOTE = 'Agreed to start with a buddy for the first month.';
const KEPT_TEXT = 'Written just before the login session ended.';
const SENTINELS: { text: string; what: string; seenBy: readonly AccessRole[] }[] = [
  { text: 'My story, in my words.', what: "participant A's story (first version)", seenBy: ['participantA', 'facilitatorA'] },
  { text: 'A second draft.', what: "participant A's story", seenBy: ['participantA', 'facilitatorA'] },
  { text: 'What helped this week.', what: "participant A's journal entry", seenBy: ['participantA', 'facilitatorA'] },
  { text: 'Sleeping badly.', what: "participant A's wellbeing plan", seenBy: ['participantA', 'facilitatorA'] },
  { text: READINESS_NOTE, what: "participant A's readiness note", seenBy: ['participantA', 'facilitatorA'] },
  { text: KEPT_TEXT, what: "participant A's kept writing", seenBy: ['participantA'] },
  { text: 'Said something worrying.', what: 'the safeguarding concern', seenBy: ['facilitatorA', 'safeguardingLead'] },
  { text: 'It feels like the right time.', what: "an applicant's reason for applying", seenBy: ['coordinator', 'administrator'] },
];

let world: World;
/** Records only these checks need: a calendar feed address, an outbox message and the stored exercise file. */
let calendarToken: string;
let outboxId: string;
let fileKey: string;

beforeAll(async () => {
  world = await buildWorld(t);
  const { cohortA, people } = world;
  const readiness = await people.facilitatorA.client.post(`/cohorts/${cohortA}/readiness/${people.participantA.id}`, {
    outcome: 'ready',
    signpostedTo: '',
    agreedNote: READINESS_NOTE,
  });
  if (readiness.status !== 303) throw new Error(`recording a readiness conversation answered ${readiness.status}`);
  const feed = await people.participantA.client.post('/account/calendar');
  calendarToken = feed.text.match(/\/calendar\/([A-Za-z0-9_-]+)\.ics/)![1]!;
  const db = t.deps.db;
  outboxId = (await db.selectFrom('outbox_messages').select('id').orderBy('created_at', 'desc').executeTakeFirstOrThrow()).id;
  fileKey = (await db.selectFrom('stored_files').select('storage_key').where('programme_id', '=', world.programmeId).executeTakeFirstOrThrow()).storage_key;
}, 300_000);

afterAll(async () => {
  if (KNOWN_BUGS.length)
    console.log(
      `Known access bugs (${testEngine}), run as it.fails:\n${KNOWN_BUGS.map((b) => `  ${b.route} as ${b.role}: got ${b.got}; ${b.why}`).join('\n')}`,
    );
  if (REPORT) console.log(report.join('\n'));
  await t.close();
});
const report: string[] = [];

// ---- Paths --------------------------------------------------------------------------------------------------

/** Path parameters only GET routes have, which the fuzz world's resolver does not know. */
function ownParam(pattern: string, name: string): string | undefined {
  if (name === 'token' && pattern.startsWith('/calendar/')) return `${calendarToken}.ics`;
  if (name === 'id' && pattern.startsWith('/admin/outbox/')) return outboxId;
  if (name === 'key' && pattern.includes('/files/')) return fileKey;
  if (name === 'id' && pattern.startsWith('/my/resume/')) return 'replaced-per-cell';
  return undefined;
}

async function fill(pattern: string): Promise<string> {
  let out = '';
  for (const segment of pattern.split('/').slice(1)) {
    if (!segment.startsWith(':')) {
      out += `/${segment}`;
      continue;
    }
    const name = segment.slice(1).replace(/\{.*$/, '').replace(/\?$/, '');
    const value = ownParam(pattern, name) ?? (await resolveParam(world, pattern, name));
    out += `/${name === 'token' && pattern.startsWith('/calendar/') ? value : encodeURIComponent(value)}`;
  }
  return out || '/';
}

/**
 * Routes that use up their record (an empty form is enough to remove or accept): each person gets one of their own,
 * so the first to try does not spoil it for the rest. Each takes the filled path and answers the one to try.
 */
const FRESH: Record<string, (path: string) => Promise<string>> = {
  'POST /admin/crisis-contacts/:id/remove': async () => {
    const name = `Line ${crypto.randomUUID()}`;
    const res = await world.people.administrator.client.post('/admin/crisis-contacts/new', {
      name,
      howToReach: 'Call 01234 567891',
      hours: 'Daytime',
      nations: ['Wales'],
      lastCheckedOn: '2026-11-20',
    });
    if (res.status !== 303) throw new Error(`adding a crisis contact answered ${res.status}`);
    const { id } = await t.deps.db.selectFrom('crisis_contacts').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    return `/admin/crisis-contacts/${id}/remove`;
  },
  'POST /cohorts/:cohortId/interest/:entryId/offer': async () => `/cohorts/${world.cohortA}/interest/${await newInterest()}/offer`,
  'POST /places/:token/accept': async () => `/places/${await newOffer()}/accept`,
  'POST /programmes/:slug/draft/sessions/:sessionId/:kind{knowledge|activities|resources}/:itemId/remove': async (path) => {
    const parts = path.split('/');
    parts[7] = await newItem(parts[6] as 'knowledge' | 'activities' | 'resources');
    return parts.join('/');
  },
  'GET /my/resume/:id': async () =>
    `/my/resume/${await keepPendingSave(t.deps, world.people.participantA.id, { path: '/my/journal', fields: { title: 'Kept', text: KEPT_TEXT } })}`,
};

async function newItem(kind: 'knowledge' | 'activities' | 'resources'): Promise<string> {
  const { slug, sessionId } = world;
  const author = world.people.coordinator.client;
  const title = `Removable ${kind} ${crypto.randomUUID().slice(0, 8)}`;
  const session = () => draftOf(t, slug).then((d) => d.modules.flatMap((m) => m.sessions).find((s) => s.id === sessionId)!);
  if (kind === 'knowledge')
    await addKnowledge(t, author, slug, sessionId, { title, body: 'Background.', intentions: [(await session()).learningIntentions[0]!.id] });
  else if (kind === 'activities') await addActivity(t, author, slug, sessionId, { title, participant: 'Talk.', facilitator: 'Listen.' });
  else {
    const res = await author.post(`/programmes/${slug}/draft/sessions/${sessionId}/resources/new`, {
      revision: await revisionOf(t, slug),
      intent: 'save',
      title,
      url: 'https://example.org/removable',
      description: 'Useful.',
    });
    if (res.status !== 303) throw new Error(`adding a resource answered ${res.status}`);
  }
  const s = await session();
  return [...s.miniKnowledge, ...s.activities, ...s.resources].find((i) => i.title === title)!.id;
}

async function newInterest(): Promise<string> {
  const email = `applicant.${crypto.randomUUID().slice(0, 8)}@example.org`;
  const res = await t.client().post(`/interest/${world.cohortA}`, { name: 'Ari Applicant', email, whyNow: 'A good moment.' });
  if (res.status !== 200) throw new Error(`expressing interest answered ${res.status}`);
  return (await t.deps.db.selectFrom('cohort_interest').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

async function newOffer(): Promise<string> {
  const entryId = await newInterest();
  const res = await world.people.coordinator.client.post(`/cohorts/${world.cohortA}/interest/${entryId}/offer`);
  if (res.status !== 303) throw new Error(`offering a place answered ${res.status}`);
  const { email } = await t.deps.db.selectFrom('cohort_interest').select('email').where('id', '=', entryId).executeTakeFirstOrThrow();
  const mail = await t.deps.db.selectFrom('outbox_messages').select('body_text').where('to_address', '=', email).executeTakeFirstOrThrow();
  return mail.body_text.match(/\/places\/([^/\s]+)/)![1]!;
}

// ---- People -------------------------------------------------------------------------------------------------

function clientOf(who: AccessRole): TestClient {
  if (who === 'signedOut') return t.client();
  if (who === 'participantB') return world.participantB.client;
  if (who === 'facilitatorB') return world.facilitatorB.client;
  return world.people[who].client;
}

/** Puts back what the previous route undid: login sessions (cohort B's people too), consent, sharing, the lead. */
async function repair(): Promise<void> {
  await world.refresh();
  for (const p of [world.participantB, world.facilitatorB]) if ((await p.client.get('/account')).status !== 200) await signIn(p.client, p.email, PASSWORD);
}

// ---- Outcomes -----------------------------------------------------------------------------------------------

type Outcome = 'allowed' | 'refused' | `broken (${number})`;

/** Sent to sign in: the sign-in page with nothing to tell, or with where to come back to. A notice (signed out) is an answer. */
const sentToSignIn = (location: string | null) => {
  if (!location) return false;
  const url = new URL(location, t.config.baseUrl);
  return url.pathname === '/sign-in' && (url.search === '' || url.searchParams.has('next'));
};

function classify(method: string, res: Page): Outcome {
  if ([401, 403, 404].includes(res.status) || sentToSignIn(res.location)) return 'refused';
  if (res.status >= 500) return `broken (${res.status})`;
  if (method === 'GET') return res.status === 200 || (res.status >= 300 && res.status < 400 && res.location) ? 'allowed' : `broken (${res.status})`;
  return 'allowed';
}

interface Cell {
  path: string;
  outcome: Outcome;
  status: number;
  location: string | null;
  leaks: string[];
}

async function tryCell(key: string, method: string, path: string, who: AccessRole): Promise<Cell> {
  const fresh = FRESH[key];
  const target = fresh ? await fresh(path) : path;
  const client = clientOf(who);
  const res = method === 'POST' ? await client.post(target) : await client.request(target, { method });
  const outcome = classify(method, res);
  const leaks = SENTINELS.filter((s) => (outcome === 'refused' || !s.seenBy.includes(who)) && res.text.includes(s.text)).map((s) => s.what);
  return { path: target, outcome, status: res.status, location: res.location, leaks };
}

const describeCell = (c: Cell) => `${c.status}${c.location ? ` → ${c.location}` : ''}`;
const undeclared = (key: string) =>
  `No access expectation for ${key}. Declare who may reach it in ROUTE_ACCESS in src/policies/route-access.ts, next to the can*() rule it mirrors.`;

// ---- The suite ----------------------------------------------------------------------------------------------

describe.sequential(`who may reach each route (${testEngine})`, () => {
  it('finds the routes in the app', () => {
    expect(appRoutes.length).toBeGreaterThan(100);
    expect(appRoutes).toContain('GET /cohorts/:cohortId');
  });

  it('declares every route the app has', () => {
    expect(appRoutes.filter((k) => !(k in ROUTE_ACCESS)).map(undeclared)).toEqual([]);
  });

  it('declares no route the app no longer has', () => {
    const gone = Object.keys(ROUTE_ACCESS).filter((k) => !appRoutes.includes(k));
    expect(gone.map((k) => `ROUTE_ACCESS in src/policies/route-access.ts declares ${k}, which the app no longer has: remove or rename it.`)).toEqual([]);
  });

  // Otherwise the leak checks below would pass for want of anything to find.
  it('finds every sentinel where its owner or readers look', async () => {
    const { cohortA, storyId, journalEntryId, concernId } = world;
    const pages: [AccessRole, string][] = [
      ['participantA', `/my/stories/${storyId}/versions/1`],
      ['participantA', `/my/stories/${storyId}`],
      ['participantA', `/my/journal/${journalEntryId}`],
      ['participantA', '/my/wellbeing'],
      ['participantA', '/my/readiness'],
      ['participantA', await FRESH['GET /my/resume/:id']!('')],
      ['safeguardingLead', `/safeguarding/${concernId}`],
      ['coordinator', `/cohorts/${cohortA}/interest`],
    ];
    const seen = new Set<string>();
    for (const [who, path] of pages) {
      const res = await clientOf(who).get(path);
      expect(res.status, `${path} as ${who}`).toBe(200);
      for (const s of SENTINELS) if (res.text.includes(s.text)) seen.add(s.text);
    }
    expect(SENTINELS.map((s) => s.text).filter((text) => !seen.has(text))).toEqual([]);
  });

  it('lists known bugs only for declared routes, against the declaration', () => {
    for (const bug of KNOWN_BUGS) expect(ROUTE_ACCESS[bug.route], `KNOWN_BUGS names ${bug.route}`).toBeDefined();
  });

  for (const key of routes) {
    const [method, pattern] = key.split(' ') as [string, string];
    const bugs = KNOWN_BUGS.filter((b) => b.route === key);

    it(key, async () => {
      const allowed = ROUTE_ACCESS[key];
      if (!allowed) throw new Error(undeclared(key));
      await repair();
      const problems: string[] = [];
      const row: string[] = [];
      for (const expanded of expandAlternatives(pattern)) {
        const path = await fill(expanded);
        for (const who of ACCESS_ROLES) {
          if (bugs.some((b) => b.role === who)) continue;
          const cell = await tryCell(key, method, path, who);
          const expected = allowed.includes(who) ? 'allowed' : 'refused';
          row.push(`${who}=${cell.status}`);
          if (cell.outcome !== expected) problems.push(`${method} ${cell.path} as ${who}: expected ${expected}, got ${cell.outcome}: ${describeCell(cell)}`);
          for (const what of cell.leaks) problems.push(`${method} ${cell.path} as ${who} (${cell.outcome}) shows ${what}`);
        }
      }
      report.push(`${key}: ${row.join(' ')}`);
      expect(problems).toEqual([]);
    });

    for (const bug of bugs) {
      it.fails(`${key} as ${bug.role} (known bug: ${bug.why})`, async () => {
        await repair();
        const expected = ROUTE_ACCESS[key]!.includes(bug.role) ? 'allowed' : 'refused';
        for (const expanded of expandAlternatives(pattern)) {
          const cell = await tryCell(key, method, await fill(expanded), bug.role);
          expect(cell.outcome, `${method} ${cell.path} as ${bug.role}: ${describeCell(cell)}`).toBe(expected);
          expect(cell.leaks).toEqual([]);
        }
      });
    }
  }
});
