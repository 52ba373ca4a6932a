// Hostile input for every POST route the app has, enumerated from the app itself so a new route is fuzzed without
// anyone listing it. What must hold whatever arrives: no 5xx, the app still answers afterwards, and a refused form
// (422) shows back what was typed into its visible text fields (text, email, url, search, tel and textareas: a
// browser keeps other inputs, such as number and date, from holding arbitrary text; passwords are never shown back).
//
// Each route is fuzzed as the first of administrator, coordinator, facilitator A, participant A, safeguarding lead and
// partner whose untouched form is not refused, or signed out. Path parameters come from a world built through the app's
// own forms (tests/support/world.ts); a parameter it cannot resolve fails the route's test.
//
//   FUZZ_RUNS   submissions per route (default 60: a minute or two per engine; `npm run fuzz` runs 500)
//   FUZZ_SEED   replays a run: the seed is printed in every failure. Without it the suite uses one fixed seed, so
//               `npm test` (and CI) gives the same answer every time; `npm run fuzz` picks a new seed each run to
//               explore further, and a failure it finds is replayed with its seed and then fixed
//   FUZZ_ROUTE  fuzzes only the routes whose pattern contains this text; `!<pattern>` (comma-separated) leaves out
//               exactly that route instead, to look past a known failure locally; never for making CI pass
//   FUZZ_SHRINK set to shrink a failing submission to a smaller one (slower)
//   FUZZ_REPORT set to print each route's role and statuses
//   FUZZ_ENCODINGS  narrows a hunt to some body shapes (comma-separated: urlencoded, multipart, json, bogus-multipart,
//               truncated, oversized); for finding the next failure behind a known one, never for making CI pass
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { buildTestApp, testEngine, type TestApp } from './support/app.ts';
import type { TestClient } from './support/client.ts';
import { buildWorld, expandAlternatives, fillPath, ROLE_ORDER, type Who, type World } from './support/world.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261126;
const ONLY = (process.env.FUZZ_ROUTE ?? '').split(',').filter((x) => x && !x.startsWith('!'));
const LEAVE_OUT = (process.env.FUZZ_ROUTE ?? '')
  .split(',')
  .filter((x) => x.startsWith('!'))
  .map((x) => x.slice(1));
const SHRINK = Boolean(process.env.FUZZ_SHRINK);
const REPORT = Boolean(process.env.FUZZ_REPORT);
const ENCODINGS = process.env.FUZZ_ENCODINGS?.split(',').map((e) => e.trim());
const ROUTE_TIMEOUT = 15 * 60_000;

const t = await buildTestApp();

/** Routes that undo a login session or a record other routes need go last; world.refresh() repairs the rest. */
const DESTRUCTIVE = /\/(remove|deactivate|sign-out|unshare|decline|accept|close|revoke|password)$/;
const allRoutes = [...new Set(t.app.routes.filter((r) => r.method === 'POST').flatMap((r) => expandAlternatives(r.path)))];
const routes = [...allRoutes.filter((p) => !DESTRUCTIVE.test(p)), ...allRoutes.filter((p) => DESTRUCTIVE.test(p))].filter(
  (p) => (!ONLY.length || ONLY.some((o) => p.includes(o))) && !LEAVE_OUT.includes(p),
);

let world: World;
beforeAll(async () => {
  world = await buildWorld(t);
}, 300_000);
afterAll(async () => {
  if (REPORT) console.log(report.join('\n'));
  await t.close();
});
const report: string[] = [];

// ---- What the forms look like -------------------------------------------------------------------------------

interface Field {
  name: string;
  type: string;
  /** Values the page itself offers: hidden values, options, checkbox values, buttons. */
  options: string[];
  /** What a browser would send if the person submitted the form untouched. */
  initial: string[];
}
interface Form {
  page: string;
  multipart: boolean;
  fields: Field[];
  /** Hidden fields (revisions, versions) go stale; such a form is read again before each submission. */
  hasHidden: boolean;
}

const TEXT_TYPES = new Set(['text', 'email', 'url', 'search', 'tel', 'textarea']);

function formFor(html: string, action: string): Omit<Form, 'page'> | null {
  const doc = parseDocument(html);
  const forms = DomUtils.findAll(
    (el) => el.name === 'form' && (el.attribs.method ?? 'get').toLowerCase() === 'post' && (el.attribs.action ?? '').split('?')[0] === action,
    doc.children,
  );
  if (!forms.length) return null;
  const fields = new Map<string, Field>();
  let multipart = false;
  for (const form of forms) {
    if ((form.attribs.enctype ?? '').toLowerCase() === 'multipart/form-data') multipart = true;
    const controls = DomUtils.findAll((el) => ['input', 'textarea', 'select', 'button'].includes(el.name) && Boolean(el.attribs.name), form.children);
    for (const el of controls) {
      const name = el.attribs.name!;
      const type = el.name === 'input' ? (el.attribs.type ?? 'text').toLowerCase() : el.name;
      const field = fields.get(name) ?? { name, type, options: [], initial: [] };
      fields.set(name, field);
      const value = valueOf(el);
      if (type === 'select') {
        const options = DomUtils.findAll((o) => o.name === 'option', el.children);
        field.options.push(...options.map((o) => o.attribs.value ?? DomUtils.textContent(o)));
        const chosen = options.find((o) => 'selected' in o.attribs) ?? options[0];
        if (chosen) field.initial.push(chosen.attribs.value ?? DomUtils.textContent(chosen));
      } else if (type === 'checkbox' || type === 'radio') {
        field.options.push(value ?? 'on');
        if ('checked' in el.attribs) field.initial.push(value ?? 'on');
      } else if (type === 'button' || type === 'submit') {
        if (value !== null) field.options.push(value);
        if (!field.initial.length && value !== null) field.initial.push(value);
      } else if (value !== null && type !== 'file' && type !== 'password') {
        field.options.push(value);
        field.initial.push(value);
      }
    }
  }
  const list = [...fields.values()];
  return { multipart, fields: list, hasHidden: list.some((f) => f.type === 'hidden') };
}

function valueOf(el: Element): string | null {
  if (el.name === 'textarea') return DomUtils.textContent(el);
  return el.attribs.value ?? null;
}

/** Finds the form that posts to a path: on the path's own page, or on the page above it (…/x/save is on …/x). */
async function discoverForm(client: TestClient, path: string): Promise<Form | null> {
  const segments = path.split('/').slice(1);
  for (let n = segments.length; n >= 0; n--) {
    const page = `/${segments.slice(0, n).join('/')}`;
    const res = await client.get(page);
    if (res.status !== 200) continue;
    const form = formFor(res.text, path);
    if (form) return { page, ...form };
  }
  return null;
}

async function reread(client: TestClient, form: Form, path: string): Promise<Form> {
  const res = await client.get(form.page);
  return res.status === 200 && formFor(res.text, path) ? { page: form.page, ...formFor(res.text, path)! } : form;
}

// ---- What is submitted ----------------------------------------------------------------------------------------

type Plan = { k: 'missing' } | { k: 'initial' } | { k: 'value'; v: string } | { k: 'many'; v: string[] };
type Encoding =
  | { k: 'urlencoded' }
  | { k: 'multipart' }
  | { k: 'json'; type: string }
  | { k: 'bogus-multipart'; type: string; body: string }
  | { k: 'truncated'; at: number; tail: string }
  | { k: 'oversized' };
interface Submission {
  plans: [string, Plan][];
  extras: [string, string][];
  /** The file for the form's file inputs when sent as multipart; none sometimes, as when nothing is chosen. */
  upload: { bytes: Uint8Array; filename: string } | null;
  encoding: Encoding;
}

const PRINTABLE = fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n));
/** Printable ASCII framed by letters, so a form that trims still shows it whole. */
const marker = fc.string({ unit: PRINTABLE, maxLength: 24 }).map((s) => `fz${s}zf`);
const control = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((n) => String.fromCharCode(n)), minLength: 1, maxLength: 8 });
const hugeNumber = fc.constantFrom('1e308', '-1e308', '50000', '-1', '0', '-0', '1.5', 'NaN', 'Infinity', '2147483648', '9007199254740993', '9'.repeat(400));
const oddDate = fc.constantFrom('2026-02-30', '0000-00-00', '9999-12-31', '2026-13-01', '1970-01-01T00:00:00Z', '31/12/2026', '');
const long = fc.tuple(fc.constantFrom(1_000, 10_000, 100_000), fc.constantFrom('a', 'é', '<', '\u0000', '😀', '\u202e', ' ')).map(([n, ch]) => ch.repeat(n));

function fuzzString(ids: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: marker },
    { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.tuple(marker, control, marker).map(([a, c, b]) => a + c + b) },
    { weight: 1, arbitrary: fc.constant('\u0000') },
    { weight: 3, arbitrary: hugeNumber },
    { weight: 1, arbitrary: oddDate },
    { weight: 1, arbitrary: long },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '\t\n', 'null', 'undefined', 'true', '[]', '{}', '<script>alert(1)</script>', '../../etc/passwd') },
    { weight: 2, arbitrary: fc.constantFrom(...ids) },
  );
}

function submissions(ids: string[], fields: Field[], multipart: boolean): fc.Arbitrary<Submission> {
  const str = fuzzString(ids);
  const plan = (f: Field): fc.Arbitrary<Plan> =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant<Plan>({ k: 'missing' }) },
      // Hidden fields carry revisions: mostly the page's own value, or the submission never gets past the conflict check.
      { weight: f.type === 'hidden' ? 8 : 2, arbitrary: fc.constant<Plan>({ k: 'initial' }) },
      ...(f.options.length ? [{ weight: 2, arbitrary: fc.constantFrom(...f.options).map((v): Plan => ({ k: 'value', v })) }] : []),
      { weight: 5, arbitrary: str.map((v): Plan => ({ k: 'value', v })) },
      { weight: 1, arbitrary: fc.array(str, { minLength: 2, maxLength: 3 }).map((v): Plan => ({ k: 'many', v })) },
    );
  const extraName = fc.oneof(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'id', 'role', 'revision', 'intent', 'noteCount', 'email', 'userId', 'cohortId'),
  );
  const shapes: [Encoding['k'], number, fc.Arbitrary<Encoding>][] = [
    ['urlencoded', multipart ? 2 : 12, fc.constant<Encoding>({ k: 'urlencoded' })],
    ['multipart', multipart ? 12 : 2, fc.constant<Encoding>({ k: 'multipart' })],
    ['json', 1, fc.constantFrom('application/json', 'text/plain').map((type): Encoding => ({ k: 'json', type }))],
    [
      'bogus-multipart',
      1,
      fc
        .constantFrom(
          ['multipart/form-data; boundary=----bogus', 'garbage'],
          ['multipart/form-data', 'garbage'],
          ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="title"\r\n\r\nunfinished'],
          ['multipart/form-data; boundary=b', '--b\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n\r\n%PDF'],
          ['multipart/form-data; boundary=b', ''],
        )
        .map(([type, body]): Encoding => ({ k: 'bogus-multipart', type: type!, body: body! })),
    ],
    [
      'truncated',
      1,
      fc
        .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom('', '%', '%E2%8', '%ZZ', '&&==&', '%00'))
        .map(([at, tail]): Encoding => ({ k: 'truncated', at, tail })),
    ],
    ['oversized', 1, fc.constant<Encoding>({ k: 'oversized' })],
  ];
  const encoding = fc.oneof(...shapes.filter(([k]) => !ENCODINGS || ENCODINGS.includes(k)).map(([, weight, arbitrary]) => ({ weight, arbitrary })));
  const upload = fc.option(
    fc.record({
      bytes: fc.oneof(fc.uint8Array({ maxLength: 512 }), fc.constant(new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'))),
      filename: fc.oneof(fc.constantFrom('worksheet.pdf', 'pack.zip', 'x', '.pdf', '../../x.pdf', 'a\u0000b.pdf'), str),
    }),
    { freq: 3 },
  );
  return fc
    .record({
      plans: fc.tuple(...fields.map((f) => plan(f).map((p): [string, Plan] => [f.name, p]))),
      extras: fc.array(fc.tuple(extraName, str), { maxLength: 3 }),
      upload,
      encoding,
    })
    .map((s) => Object.assign(s, { [fc.toStringMethod]: () => describeSubmission(s) }));
}

const clip = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 60)}…(${s.length} chars)` : s);

function describeSubmission(s: Submission): string {
  if (s.encoding.k === 'bogus-multipart') return `a malformed multipart body: content-type ${clip(s.encoding.type)}, body ${clip(s.encoding.body)}`;
  const plans = s.plans.map(([n, p]) => `${n}=${p.k === 'value' ? clip(p.v) : p.k === 'many' ? `[${p.v.map(clip).join(', ')}]` : `<${p.k}>`}`);
  const extras = s.extras.map(([n, v]) => `${clip(n)}=${clip(v)}`);
  const file = s.encoding.k === 'multipart' && s.upload ? ` with file inputs holding ${clip(s.upload.filename)} (${s.upload.bytes.length} bytes)` : '';
  return `{ ${[...plans, ...extras].join(', ')} } as ${JSON.stringify(s.encoding)}${file}`;
}

/** The name/value pairs a submission sends, with the form's own current values where it asks for them. */
function pairs(s: Submission, form: Form | null): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, p] of s.plans) {
    if (p.k === 'initial') for (const v of form?.fields.find((f) => f.name === name)?.initial ?? []) out.push([name, v]);
    else if (p.k === 'value') out.push([name, p.v]);
    else if (p.k === 'many') for (const v of p.v) out.push([name, v]);
  }
  return [...out, ...s.extras];
}

function requestFor(s: Submission, form: Form | null, origin: string, bodyLimit: number): RequestInit {
  const sent = pairs(s, form);
  const headers: Record<string, string> = { origin };
  const urlencoded = () => new URLSearchParams(sent).toString();
  const e = s.encoding;
  switch (e.k) {
    case 'urlencoded':
      return { method: 'POST', headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: urlencoded() };
    case 'multipart': {
      const body = new FormData();
      const files = new Set(form?.fields.filter((f) => f.type === 'file').map((f) => f.name));
      for (const [name, value] of sent) body.append(name, value);
      if (s.upload) for (const name of files) body.append(name, new File([s.upload.bytes as Uint8Array<ArrayBuffer>], s.upload.filename));
      return { method: 'POST', headers, body };
    }
    case 'json':
      return { method: 'POST', headers: { ...headers, 'content-type': e.type }, body: JSON.stringify(Object.fromEntries(sent)) };
    case 'bogus-multipart':
      return { method: 'POST', headers: { ...headers, 'content-type': e.type }, body: e.body };
    case 'truncated': {
      const full = urlencoded();
      return {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: full.slice(0, Math.floor(full.length * e.at)) + e.tail,
      };
    }
    case 'oversized':
      return {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: `${urlencoded()}&padding=${'x'.repeat(bodyLimit + 1)}`,
      };
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>'"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&#39;', '"': '&quot;' })[ch]!);

/** The error the app logged while answering, so a failure says why and not only that. */
function loggedErrors(app: TestApp, from: number): string {
  return app.logs
    .slice(from)
    .flatMap((line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; err?: { message?: string; stack?: string } };
        return entry.msg === 'unhandled error' ? [`${entry.err?.message} @ ${entry.err?.stack?.split('\n')[1]?.trim() ?? ''}`] : [];
      } catch {
        return [];
      }
    })
    .join(' | ');
}

// ---- Who fuzzes which route -----------------------------------------------------------------------------------

type Role = Who | 'signedOut';
/** Refused: forbidden, not found, sent to sign in, or (for someone who has not consented) sent to the consent page. */
const refused = (path: string, res: { status: number; location: string | null }) =>
  [401, 403, 404].includes(res.status) ||
  Boolean(res.location?.startsWith('/sign-in')) ||
  (!path.startsWith('/my/consent') && Boolean(res.location?.startsWith('/my/consent')));

/** The first role, in a fixed order, whose untouched form is not refused; signed out if everyone is. */
async function chooseRole(path: string): Promise<{ who: Role; client: TestClient; form: Form | null }> {
  for (const who of ROLE_ORDER) {
    const client = world.people[who].client;
    const form = await discoverForm(client, path);
    const logged = t.logs.length;
    const res = await client.request(path, requestFor(untouched(form), form, t.config.baseUrl, t.config.bodyLimitBytes));
    expect(res.status, `POST ${path} as ${who} with its untouched form; the app logged: ${loggedErrors(t, logged)}`).toBeLessThan(500);
    if (!refused(path, res)) return { who, client, form: form ?? (await anyonesForm(path)) };
    await world.refresh();
  }
  const client = t.client();
  return { who: 'signedOut', client, form: (await discoverForm(client, path)) ?? (await anyonesForm(path)) };
}

/** The form as whoever can see it shows it: a signed-in person is sent away from the sign-in page, yet may still post to it. */
async function anyonesForm(path: string): Promise<Form | null> {
  for (const client of [t.client(), ...ROLE_ORDER.map((who) => world.people[who].client)]) {
    const form = await discoverForm(client, path);
    if (form) return form;
  }
  return null;
}

function untouched(form: Form | null): Submission {
  return {
    plans: (form?.fields ?? []).map((f) => [f.name, { k: 'initial' }]),
    extras: [],
    upload: null,
    encoding: { k: form?.multipart ? 'multipart' : 'urlencoded' },
  };
}

/** Sends RUNS generated submissions to one route and checks each answer. */
async function fuzzRoute(
  app: TestApp,
  ids: string[],
  { route, path, who, client, form }: { route: string; path: string; who: Role; client: TestClient; form: Form | null },
): Promise<void> {
  const statuses = new Map<number, number>();
  const textFields = new Set((form?.fields ?? []).filter((f) => TEXT_TYPES.has(f.type)).map((f) => f.name));
  const line = () =>
    `POST ${route} as ${who} [${form ? `${form.fields.length} fields from ${form.page}` : 'no form found'}]: ${JSON.stringify(Object.fromEntries(statuses))}`;
  try {
    await fc.assert(
      fc.asyncProperty(submissions(ids, form?.fields ?? [], form?.multipart ?? false), async (s) => {
        const current = form?.hasHidden ? await reread(client, form, path) : form;
        const logged = app.logs.length;
        const res = await client.request(path, requestFor(s, current, app.config.baseUrl, app.config.bodyLimitBytes));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const where = `POST ${route} (${path}) as ${who} [replay: FUZZ_SEED=${SEED} FUZZ_ROUTE='${route}' npx vitest run tests/fuzz.test.ts]`;
        if (res.status >= 500)
          throw new Error(
            `${where} answered ${res.status}; the app logged: ${loggedErrors(app, logged) || 'nothing'}\n    submission: ${describeSubmission(s)}`,
          );
        // A chosen file may rightly take the place of pasted text, so only a submission without one is checked.
        const withFile = s.encoding.k === 'multipart' && s.upload && current?.fields.some((f) => f.type === 'file');
        if (res.status === 422 && (s.encoding.k === 'urlencoded' || s.encoding.k === 'multipart') && !withFile) {
          const sent = pairs(s, current);
          for (const name of textFields) {
            const values = sent.filter(([n]) => n === name).map(([, v]) => v);
            const [value] = values;
            if (values.length !== 1 || !value || !/^[\x20-\x7e]+$/.test(value) || value.trim() !== value) continue;
            if (!res.text.includes(escapeHtml(value)))
              throw new Error(
                `${where} refused the form (422) without showing back what was typed into "${name}": ${clip(value)}\n    submission: ${describeSubmission(s)}`,
              );
          }
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: !SHRINK, interruptAfterTimeLimit: ROUTE_TIMEOUT - 60_000 },
    );
  } finally {
    report.push(line());
  }
  expect((await app.client().get('/')).status, `GET / after fuzzing POST ${route}`).toBeLessThan(500);
  expect((await client.get('/')).status, `GET / as ${who} after fuzzing POST ${route}`).toBeLessThan(500);
}

// ---- The suite ------------------------------------------------------------------------------------------------

describe.sequential(`every POST route survives hostile input (${testEngine}, ${RUNS} submissions each, FUZZ_SEED=${SEED})`, () => {
  it('finds the POST routes in the app', () => {
    expect(allRoutes.length).toBeGreaterThan(50);
    expect(allRoutes).toContain('/sign-in');
  });

  it('fails a route whose path parameter has no resolver, rather than skipping it', async () => {
    await expect(fillPath(world, '/cohorts/:cohortId/widgets/:widgetId')).rejects.toThrow(/No fuzz resolver for the path parameter :widgetId/);
  });

  for (const route of routes) {
    it(
      `POST ${route}`,
      async () => {
        await world.refresh();
        const path = await fillPath(world, route);
        const { who, client, form } = await chooseRole(path);
        await fuzzRoute(t, world.someIds(), { route, path, who, client, form });
      },
      ROUTE_TIMEOUT,
    );
  }

  // Setup is open only until the first administrator exists, which the world already has: a fresh install gets its turn.
  it.runIf(!ONLY.length || ONLY.some((o) => '/setup'.includes(o)))(
    'POST /setup on a fresh install',
    async () => {
      const fresh = await buildTestApp();
      try {
        const client = fresh.client();
        const form = await discoverForm(client, '/setup');
        expect(form, 'the setup form on a fresh install').not.toBeNull();
        await fuzzRoute(fresh, world.someIds(), { route: '/setup (fresh install)', path: '/setup', who: 'signedOut', client, form });
      } finally {
        await fresh.close();
      }
    },
    ROUTE_TIMEOUT,
  );

  it('still answers after all of it', async () => {
    expect((await t.client().get('/')).status).toBeLessThan(500);
    expect((await t.client().get('/sign-in')).status).toBe(200);
  });
});
