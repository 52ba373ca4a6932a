import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { allow, requireUser } from '../../auth/guards.ts';
import { authorize } from '../../policies/index.ts';
import {
  canAuthorCurriculum,
  canExportProgramme,
  canReadCurriculumHistory,
  canViewFacilitatorMaterial,
  canViewParticipantMaterial,
} from '../../policies/curriculum.ts';
import { contentDisposition } from '../../lib/file-check.ts';
import { MARK_START, MARK_STOP, searchCurriculum, type Audience } from '../../db/search.ts';
import { findSession, moduleLabel, overlapMap, participantProgramme } from './model.ts';
import { downloadableFile, exportPack, listVersions, listVisibleProgrammes, programmeForReading, programmeLinks, sessionHistory } from './queries.ts';
import {
  facilitatorNotesOf,
  FacilitatorGuideView,
  FacilitatorPackView,
  HistoryView,
  OverlapView,
  ParticipantSessionView,
  ProgrammeListView,
  ProgrammeView,
  SearchView,
  SessionHistoryView,
  sessionHref,
  WorkbookView,
  type ViewContext,
} from './views.tsx';

/** The programme being read, with what the views need to know about the reader. */
async function load(c: Context<AppEnv>) {
  const actor = c.var.actor;
  const version = Number(c.req.query('version'));
  const reading = await programmeForReading(c.var.deps.db, actor, c.req.param('slug') ?? '', {
    draft: c.req.query('draft') === '1',
    version: Number.isInteger(version) && version > 0 ? version : undefined,
  });
  if (!reading) throw new HTTPException(404);
  const ctx: ViewContext = {
    slug: reading.row.slug,
    author: canAuthorCurriculum(actor),
    facilitator: canViewFacilitatorMaterial(actor),
    draft: reading.draft,
    versionNumber: reading.versionNumber,
  };
  return { ...reading, ctx };
}

const notFound = (): never => {
  throw new HTTPException(404);
};

/** Turns a search snippet with match markers into escaped text with <mark> around the matches. */
const MARKS = new RegExp(`[${MARK_START}${MARK_STOP}]`);
function Snippet({ text }: { text: string }) {
  const parts = text.split(MARKS);
  return <>{parts.map((p, i) => (i % 2 === 1 ? <mark>{p}</mark> : p))}</>;
}

/** Reading the curriculum: programmes, the three views of a session, print packs, overlaps, history. */
export function programmeRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canViewParticipantMaterial));

  app.get('/', async (c) =>
    renderPage(c, {
      title: 'Curriculum',
      body: <ProgrammeListView programmes={await listVisibleProgrammes(c.var.deps.db, c.var.actor)} author={canAuthorCurriculum(c.var.actor)} />,
    }),
  );

  app.get('/:slug', async (c) => {
    const { programme, ctx } = await load(c);
    const notes = ctx.facilitator ? facilitatorNotesOf(programme) : null;
    return renderPage(c, { title: programme.title, body: <ProgrammeView programme={participantProgramme(programme)} facilitatorNotes={notes} ctx={ctx} /> });
  });

  app.get('/:slug/sessions/:sessionId', async (c) => {
    const { programme, ctx } = await load(c);
    const visible = participantProgramme(programme);
    const { module, session } = findSession(visible, c.req.param('sessionId')) ?? notFound();
    return renderPage(c, { title: session.title, body: <ParticipantSessionView session={session} module={module} programme={visible} ctx={ctx} /> });
  });

  for (const view of ['guide', 'present'] as const) {
    app.get(`/:slug/sessions/:sessionId/${view}`, async (c) => {
      authorize(canViewFacilitatorMaterial(c.var.actor));
      const { programme, ctx } = await load(c);
      const { module, session } = findSession(programme, c.req.param('sessionId')) ?? notFound();
      return renderPage(c, {
        title: view === 'guide' ? `${session.title} – facilitator guide` : session.title,
        body: <FacilitatorGuideView session={session} module={module} programme={programme} ctx={ctx} presenting={view === 'present'} />,
      });
    });
  }

  app.get('/:slug/sessions/:sessionId/history', async (c) => {
    authorize(canReadCurriculumHistory(c.var.actor));
    const { row, programme } = await load(c);
    const sessionId = c.req.param('sessionId');
    const title = findSession(programme, sessionId)?.session.title ?? 'Session';
    const entries = await sessionHistory(c.var.deps.db, row.id, sessionId);
    return renderPage(c, { title: `History of ${title}`, body: <SessionHistoryView title={title} slug={row.slug} sessionId={sessionId} entries={entries} /> });
  });

  app.get('/:slug/modules/:moduleId/workbook', async (c) => {
    const { programme, ctx } = await load(c);
    const visible = participantProgramme(programme);
    const module = visible.modules.find((m) => m.id === c.req.param('moduleId')) ?? notFound();
    return renderPage(c, { title: `${module.title} – participant workbook`, body: <WorkbookView programme={visible} module={module} ctx={ctx} /> });
  });

  app.get('/:slug/modules/:moduleId/facilitator-pack', async (c) => {
    authorize(canViewFacilitatorMaterial(c.var.actor));
    const { programme, ctx } = await load(c);
    const module = programme.modules.find((m) => m.id === c.req.param('moduleId')) ?? notFound();
    return renderPage(c, { title: `${module.title} – facilitator pack`, body: <FacilitatorPackView programme={programme} module={module} ctx={ctx} /> });
  });

  app.get('/:slug/overlap', async (c) => {
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

  app.get('/:slug/history', async (c) => {
    authorize(canReadCurriculumHistory(c.var.actor));
    const { row, programme } = await load(c);
    return renderPage(c, {
      title: 'Version history',
      body: <HistoryView programme={programme} slug={row.slug} versions={await listVersions(c.var.deps.db, row.id)} />,
    });
  });

  app.get('/:slug/export.zip', async (c) => {
    authorize(canExportProgramme(c.var.actor));
    const { programme, row } = await load(c);
    const zip = await exportPack(c.var.deps.storage, row.slug, programme);
    return c.body(zip.slice().buffer as ArrayBuffer, 200, { 'Content-Type': 'application/zip', 'Content-Disposition': contentDisposition(`${row.slug}.zip`) });
  });

  app.get('/:slug/files/:key', async (c) => {
    const file = await downloadableFile(c.var.deps.db, c.var.actor, c.req.param('slug'), c.req.param('key'));
    if (!file) return c.notFound();
    const bytes = await c.var.deps.storage.get(file.storage_key);
    if (!bytes) return c.notFound();
    return c.body(bytes.slice().buffer as ArrayBuffer, 200, {
      'Content-Type': file.mime,
      'Content-Disposition': contentDisposition(file.filename),
      'Content-Length': String(bytes.length),
      'Cache-Control': 'private, no-store',
    });
  });

  return app;
}

/** Searching the curriculum: participant text for everyone, facilitator text for those who may see it. */
export function searchRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canViewParticipantMaterial));

  app.get('/', async (c) => {
    const query = (c.req.query('q') ?? '').slice(0, 200);
    const facilitator = canViewFacilitatorMaterial(c.var.actor);
    const audiences: Audience[] = facilitator ? ['participant', 'facilitator'] : ['participant'];
    const { db } = c.var.deps;
    const found = await searchCurriculum(db, { query, audiences });
    const links = await programmeLinks(db);
    const hits = found.flatMap((h) => {
      const p = links.get(h.programmeId);
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
