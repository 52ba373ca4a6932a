import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { allow, requireUser } from '../../auth/guards.ts';
import { authorize } from '../../policies/index.ts';
import { canAuthorCurriculum, canViewFacilitatorMaterial, canViewParticipantMaterial } from '../../policies/curriculum.ts';
import { contentDisposition } from '../../lib/file-check.ts';
import { MARK_START, MARK_STOP, searchCurriculum, type Audience } from '../../db/search.ts';
import { findSession, moduleLabel, overlapMap, participantSession, type Programme } from './model.ts';
import {
  allPublishedVersions,
  getProgrammeRow,
  getProgrammeHead,
  getDraft,
  getPublishedVersion,
  getStoredFile,
  listProgrammes,
  listVersions,
  parseProgramme,
} from './queries.ts';
import { packZip, writePackFiles } from './pack.ts';
import { sessionChanges } from './history.ts';
import {
  FacilitatorGuideView,
  HistoryView,
  OverlapView,
  ParticipantSessionView,
  PrintPackView,
  ProgrammeListView,
  ProgrammeView,
  SearchView,
  SessionHistoryView,
  sessionHref,
  type ViewContext,
} from './views.tsx';
import { authoringRoutes } from './authoring.tsx';

interface Loaded {
  row: NonNullable<Awaited<ReturnType<typeof getProgrammeHead>>>;
  programme: Programme;
  ctx: ViewContext;
}

/**
 * The programme a person is reading: the latest published version, or the draft when an author asks
 * for it (`?draft=1`) or nothing has been published yet.
 */
async function load(c: Context<AppEnv>): Promise<Loaded> {
  const { db } = c.var.deps;
  const actor = c.var.actor;
  const row = await getProgrammeHead(db, c.req.param('slug') ?? '');
  if (!row) throw new HTTPException(404);
  const author = canAuthorCurriculum(actor);
  const facilitator = canViewFacilitatorMaterial(actor);
  const base = { slug: row.slug, author, facilitator };
  if (c.req.query('draft') === '1') {
    authorize(author);
    return { row, programme: await getDraft(db, row.id), ctx: { ...base, draft: true, versionNumber: null } };
  }
  // Cohorts link to the version they were planned on.
  const wanted = Number(c.req.query('version'));
  const published = await getPublishedVersion(db, row.id, Number.isInteger(wanted) && wanted > 0 ? wanted : undefined);
  if (!published) {
    if (!author) throw new HTTPException(404);
    return { row, programme: await getDraft(db, row.id), ctx: { ...base, draft: true, versionNumber: null } };
  }
  return { row, programme: published.programme, ctx: { ...base, draft: false, versionNumber: published.number } };
}

function sessionOr404(programme: Programme, sessionId: string) {
  const found = findSession(programme, sessionId);
  if (!found) throw new HTTPException(404);
  return found;
}

/** Turns a search snippet with match markers into escaped text with <mark> around the matches. */
const MARKS = new RegExp(`[${MARK_START}${MARK_STOP}]`);
function Snippet({ text }: { text: string }) {
  const parts = text.split(MARKS);
  return <>{parts.map((p, i) => (i % 2 === 1 ? <mark>{p}</mark> : p))}</>;
}

/** Reading the curriculum: programmes, the three views of a session, print packs, overlaps, history, search. */
export function curriculumRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/programmes', requireUser, allow(canViewParticipantMaterial));
  app.use('/programmes/*', requireUser, allow(canViewParticipantMaterial));
  app.use('/search', requireUser, allow(canViewParticipantMaterial));

  app.route('/programmes', authoringRoutes());

  app.get('/programmes', async (c) => {
    const author = canAuthorCurriculum(c.var.actor);
    const rows = await listProgrammes(c.var.deps.db);
    const visible = rows
      .filter((r) => author || r.latest_version > 0)
      .map((r) => ({ slug: r.slug, title: r.title, latest_version: r.latest_version, summary: parseProgramme(r.draft_json).summary }));
    return renderPage(c, { title: 'Curriculum', body: <ProgrammeListView programmes={visible} author={author} /> });
  });

  app.get('/programmes/:slug', async (c) => {
    const { programme, ctx } = await load(c);
    return renderPage(c, { title: programme.title, body: <ProgrammeView programme={programme} ctx={ctx} /> });
  });

  app.get('/programmes/:slug/sessions/:sessionId', async (c) => {
    const { programme, ctx } = await load(c);
    const { module, session } = sessionOr404(programme, c.req.param('sessionId'));
    return renderPage(c, {
      title: session.title,
      body: <ParticipantSessionView session={participantSession(session)} module={module} programme={programme} ctx={ctx} />,
    });
  });

  for (const view of ['guide', 'present'] as const) {
    app.get(`/programmes/:slug/sessions/:sessionId/${view}`, async (c) => {
      authorize(canViewFacilitatorMaterial(c.var.actor));
      const { programme, ctx } = await load(c);
      const { module, session } = sessionOr404(programme, c.req.param('sessionId'));
      return renderPage(c, {
        title: view === 'guide' ? `${session.title} – facilitator guide` : session.title,
        body: <FacilitatorGuideView session={session} module={module} programme={programme} ctx={ctx} presenting={view === 'present'} />,
      });
    });
  }

  app.get('/programmes/:slug/sessions/:sessionId/history', async (c) => {
    authorize(canAuthorCurriculum(c.var.actor));
    const { row, programme } = await load(c);
    const sessionId = c.req.param('sessionId');
    const versions = await allPublishedVersions(c.var.deps.db, row.id);
    const names = new Map((await listVersions(c.var.deps.db, row.id)).map((v) => [v.number, v.publisher]));
    const entries = [];
    let previous: ReturnType<typeof findSession> = null;
    for (const v of versions) {
      const found = findSession(v.programme, sessionId);
      if (found) {
        entries.push({
          number: v.number,
          publishedAt: v.publishedAt,
          publisher: names.get(v.number) ?? null,
          note: v.note,
          changes: previous ? sessionChanges(previous.session, found.session) : ('added' as const),
        });
      }
      previous = found;
    }
    const title = findSession(programme, sessionId)?.session.title ?? 'Session';
    return renderPage(c, {
      title: `History of ${title}`,
      body: <SessionHistoryView title={title} slug={row.slug} sessionId={sessionId} entries={entries.reverse()} />,
    });
  });

  for (const kind of ['workbook', 'facilitator-pack'] as const) {
    app.get(`/programmes/:slug/modules/:moduleId/${kind}`, async (c) => {
      if (kind === 'facilitator-pack') authorize(canViewFacilitatorMaterial(c.var.actor));
      const { programme, ctx } = await load(c);
      const module = programme.modules.find((m) => m.id === c.req.param('moduleId'));
      if (!module) return c.notFound();
      const label = kind === 'workbook' ? 'participant workbook' : 'facilitator pack';
      return renderPage(c, {
        title: `${module.title} – ${label}`,
        body: <PrintPackView programme={programme} module={module} ctx={ctx} kind={kind === 'workbook' ? 'participant' : 'facilitator'} />,
      });
    });
  }

  app.get('/programmes/:slug/overlap', async (c) => {
    authorize(canViewFacilitatorMaterial(c.var.actor));
    const { programme, ctx } = await load(c);
    const rows = overlapMap(programme).map((r) => ({
      label: r.label,
      kind: r.kind,
      places: r.places.map((p) => {
        const found = findSession(programme, p.sessionId)!;
        return { module: moduleLabel(programme, found.module), session: found.session.title, href: sessionHref(ctx, found.session, '/guide') };
      }),
    }));
    return renderPage(c, { title: 'Overlap map', body: <OverlapView programme={programme} rows={rows} ctx={ctx} /> });
  });

  app.get('/programmes/:slug/history', async (c) => {
    authorize(canAuthorCurriculum(c.var.actor));
    const { row, programme } = await load(c);
    return renderPage(c, {
      title: 'Version history',
      body: <HistoryView programme={programme} slug={row.slug} versions={await listVersions(c.var.deps.db, row.id)} />,
    });
  });

  // The export holds Mini Knowledge and facilitator guidance, so it is for the programme team only.
  app.get('/programmes/:slug/export.zip', async (c) => {
    authorize(canAuthorCurriculum(c.var.actor));
    const { programme, row } = await load(c);
    const bytes = new Map<string, Uint8Array>();
    for (const m of programme.modules)
      for (const s of m.sessions)
        for (const f of s.files) {
          const b = await c.var.deps.storage.get(f.storageKey);
          if (b) bytes.set(f.id, b);
        }
    const zip = packZip(
      row.slug,
      writePackFiles(programme, (id) => bytes.get(id)),
    );
    return c.body(zip.slice().buffer as ArrayBuffer, 200, { 'Content-Type': 'application/zip', 'Content-Disposition': contentDisposition(`${row.slug}.zip`) });
  });

  app.get('/programmes/:slug/files/:key', async (c) => {
    const row = await getProgrammeRow(c.var.deps.db, c.req.param('slug'));
    const file = await getStoredFile(c.var.deps.db, c.req.param('key'));
    if (!row || !file || file.programme_id !== row.id) return c.notFound();
    const bytes = await c.var.deps.storage.get(file.storage_key);
    if (!bytes) return c.notFound();
    return c.body(bytes.slice().buffer as ArrayBuffer, 200, {
      'Content-Type': file.mime,
      'Content-Disposition': contentDisposition(file.filename),
      'Content-Length': String(bytes.length),
      'Cache-Control': 'private, no-store',
    });
  });

  app.get('/search', async (c) => {
    const query = (c.req.query('q') ?? '').slice(0, 200);
    const facilitator = canViewFacilitatorMaterial(c.var.actor);
    const audiences: Audience[] = facilitator ? ['participant', 'facilitator'] : ['participant'];
    const { db } = c.var.deps;
    const found = await searchCurriculum(db, { query, audiences });
    const slugs = new Map((await db.selectFrom('programmes').select(['id', 'slug', 'title']).execute()).map((p) => [p.id, p]));
    const hits = found.flatMap((h) => {
      const p = slugs.get(h.programmeId);
      if (!p) return [];
      const base = `/programmes/${p.slug}`;
      const href = h.sessionId ? `${base}/sessions/${h.sessionId}${h.audience === 'facilitator' ? '/guide' : ''}` : `${base}#m-${h.moduleId}`;
      return [{ title: h.title, href, where: `in ${p.title}`, snippet: <Snippet text={h.snippet} />, facilitatorOnly: h.audience === 'facilitator' }];
    });
    return renderPage(c, {
      title: query ? `Search: ${query}` : 'Search the curriculum',
      body: <SearchView query={query} hits={hits} facilitator={facilitator} />,
    });
  });

  return app;
}
