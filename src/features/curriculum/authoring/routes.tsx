import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { cleanFormText, type FieldErrors } from '../../../views/form.tsx';
import { allow, currentActor, requireUser } from '../../../auth/guards.ts';
import { canAuthorCurriculum } from '../../../policies/curriculum.ts';
import { findSession } from '../model.ts';
import type { DraftUpdate } from '../commands.ts';
import {
  activityForm,
  criterionRows,
  fileForm,
  ITEM_KINDS,
  knowledgeForm,
  moduleForm,
  moveForm,
  newPartForm,
  parseAssignmentForm,
  parseSessionForm,
  problems,
  programmeForm,
  publishForm,
  resourceForm,
  sessionRowCounts,
  strings,
  type ItemKind,
  type RawForm,
} from './forms.ts';
import { currentRevision, draftForEditing, type Editing } from './queries.ts';
import {
  addExerciseFile,
  addModule,
  addSession,
  importPackUpload,
  moveModule,
  moveSession,
  publishDraft,
  removeAssignment,
  removeExerciseFile,
  removeItem,
  removePart,
  saveAssignment,
  saveItem,
  saveModule,
  saveProgrammeDetails,
  saveSession,
} from './commands.ts';
import {
  AssignmentFormView,
  assignmentValues,
  CONFLICT,
  DraftView,
  ImportView,
  itemOf,
  ItemFormView,
  itemValues,
  ModuleFormView,
  moduleValues,
  ProgrammeDetailsView,
  programmeValues,
  RemoveView,
  SessionEditView,
  sessionValues,
  statusFor,
} from './views.tsx';

const notFound = (): never => {
  throw new HTTPException(404);
};

/** Every field of a urlencoded or multipart body; a repeated field (ticked checkboxes) as a list. */
async function readForm(c: Context<AppEnv>): Promise<RawForm> {
  const body = await c.req.parseBody({ all: true });
  const out: RawForm = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}

async function editing(c: Context<AppEnv>): Promise<Editing> {
  return (await draftForEditing(c.var.deps.db, c.req.param('slug') ?? '')) ?? notFound();
}

/** The revision a form was built from, for re-rendering it; 0 when the posted one is unreadable. */
const postedRevision = (values: RawForm) => (typeof values.revision === 'string' && /^\d{1,15}$/.test(values.revision) ? Number(values.revision) : 0);

/** What a refused save shows: the conflict message with the draft's current revision, or the reason. */
async function refused(c: Context<AppEnv>, programmeId: string, result: Exclude<DraftUpdate, { ok: true }>) {
  return {
    errors: { form: result.reason === 'conflict' ? CONFLICT : result.message } as FieldErrors,
    revision: await currentRevision(c.var.deps.db, programmeId),
  };
}

const page = (c: Context<AppEnv>, title: string, body: Child, errors?: FieldErrors) => {
  const status = statusFor(errors);
  return renderPage(c, { title, body, status, hasErrors: status !== 200 });
};

/** Editing a programme's draft, at /programmes/:slug/draft: the programme team only. */
export function draftRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canAuthorCurriculum));

  app.get('/', async (c) => {
    const { row, draft } = await editing(c);
    return page(c, `Draft of ${draft.title}`, <DraftView row={row} draft={draft} notice={c.req.query('notice')} />);
  });

  // Programme details
  const programmePage = (c: Context<AppEnv>, e: Editing, values: RawForm, revision: number, errors?: FieldErrors) =>
    page(c, 'Edit programme details', <ProgrammeDetailsView row={e.row} values={values} revision={revision} errors={errors} />, errors);

  app.get('/programme', async (c) => {
    const e = await editing(c);
    return programmePage(c, e, programmeValues(e.draft), e.row.draft_revision);
  });

  app.post('/programme', async (c) => {
    const e = await editing(c);
    const values = await readForm(c);
    const parsed = programmeForm.safeParse(strings(values));
    if (!parsed.success) return programmePage(c, e, values, postedRevision(values), problems(parsed.error));
    const result = await saveProgrammeDetails(c.var.deps, currentActor(c), e.row.id, parsed.data);
    if (result.ok) return c.redirect(`/programmes/${e.row.slug}/draft`, 303);
    const { errors, revision } = await refused(c, e.row.id, result);
    return programmePage(c, e, values, revision, errors);
  });

  // Modules
  app.post('/modules', async (c) => {
    const e = await editing(c);
    const parsed = newPartForm.safeParse(strings(await readForm(c)));
    if (!parsed.success) return c.redirect(`/programmes/${e.row.slug}/draft`, 303);
    const result = await addModule(c.var.deps, currentActor(c), e.row.id, parsed.data);
    return c.redirect(result.ok ? `/programmes/${e.row.slug}/draft/modules/${result.moduleId}` : `/programmes/${e.row.slug}/draft`, 303);
  });

  const modulePage = (c: Context<AppEnv>, e: Editing, moduleId: string, values: RawForm, revision: number, errors?: FieldErrors) => {
    const module = e.draft.modules.find((m) => m.id === moduleId) ?? notFound();
    return page(c, `Edit ${module.title}`, <ModuleFormView row={e.row} module={module} values={values} revision={revision} errors={errors} />, errors);
  };

  app.get('/modules/:moduleId', async (c) => {
    const e = await editing(c);
    const module = e.draft.modules.find((m) => m.id === c.req.param('moduleId')) ?? notFound();
    return modulePage(c, e, module.id, moduleValues(module), e.row.draft_revision);
  });

  app.post('/modules/:moduleId', async (c) => {
    const e = await editing(c);
    const moduleId = c.req.param('moduleId');
    const values = await readForm(c);
    const parsed = moduleForm.safeParse(strings(values));
    if (!parsed.success) return modulePage(c, e, moduleId, values, postedRevision(values), problems(parsed.error));
    const result = await saveModule(c.var.deps, currentActor(c), e.row.id, moduleId, parsed.data);
    if (result.ok) return c.redirect(`/programmes/${e.row.slug}/draft`, 303);
    const { errors, revision } = await refused(c, e.row.id, result);
    return modulePage(c, e, moduleId, values, revision, errors);
  });

  app.post('/modules/:moduleId/move', async (c) => {
    const e = await editing(c);
    const parsed = moveForm.safeParse(strings(await readForm(c)));
    if (parsed.success) await moveModule(c.var.deps, currentActor(c), e.row.id, c.req.param('moduleId'), parsed.data.direction);
    return c.redirect(`/programmes/${e.row.slug}/draft`, 303);
  });

  app.post('/modules/:moduleId/sessions', async (c) => {
    const e = await editing(c);
    const parsed = newPartForm.safeParse(strings(await readForm(c)));
    if (!parsed.success) return c.redirect(`/programmes/${e.row.slug}/draft`, 303);
    const result = await addSession(c.var.deps, currentActor(c), e.row.id, c.req.param('moduleId'), parsed.data);
    return c.redirect(result.ok ? `/programmes/${e.row.slug}/draft/sessions/${result.sessionId}` : `/programmes/${e.row.slug}/draft`, 303);
  });

  // Sessions
  const sessionPage = (c: Context<AppEnv>, e: Editing, sessionId: string, values: RawForm, revision: number, errors?: FieldErrors, preview = false) => {
    const session = findSession(e.draft, sessionId)?.session ?? notFound();
    const rows = sessionRowCounts(values, { intentions: session.learningIntentions.length, notes: session.contentNotes.length });
    return page(
      c,
      `Edit ${session.title}`,
      <SessionEditView row={e.row} session={session} values={values} revision={revision} rows={rows} errors={errors} preview={preview} />,
      errors,
    );
  };

  app.get('/sessions/:sessionId', async (c) => {
    const e = await editing(c);
    const session = findSession(e.draft, c.req.param('sessionId'))?.session ?? notFound();
    return sessionPage(c, e, session.id, sessionValues(session), e.row.draft_revision);
  });

  app.post('/sessions/:sessionId', async (c) => {
    const e = await editing(c);
    const sessionId = c.req.param('sessionId');
    const values = await readForm(c);
    const parsed = parseSessionForm(values);
    if (values.intent === 'preview') return sessionPage(c, e, sessionId, values, postedRevision(values), parsed.ok ? undefined : parsed.errors, true);
    if (!parsed.ok) return sessionPage(c, e, sessionId, values, postedRevision(values), parsed.errors);
    const result = await saveSession(c.var.deps, currentActor(c), e.row.id, sessionId, parsed.data);
    if (result.ok) return c.redirect(`/programmes/${e.row.slug}/draft/sessions/${sessionId}?saved=1`, 303);
    const { errors, revision } = await refused(c, e.row.id, result);
    return sessionPage(c, e, sessionId, values, revision, errors);
  });

  app.post('/sessions/:sessionId/move', async (c) => {
    const e = await editing(c);
    const parsed = moveForm.safeParse(strings(await readForm(c)));
    if (parsed.success) await moveSession(c.var.deps, currentActor(c), e.row.id, c.req.param('sessionId'), parsed.data.direction);
    return c.redirect(`/programmes/${e.row.slug}/draft`, 303);
  });

  // Removing a module or session asks first; published versions keep what is removed from the draft.
  const partOf = (e: Editing, part: 'modules' | 'sessions', id: string) =>
    (part === 'modules' ? e.draft.modules.find((m) => m.id === id) : findSession(e.draft, id)?.session) ?? notFound();
  const partParam = (c: Context<AppEnv>) => (c.req.param('part') === 'modules' ? 'modules' : 'sessions');

  app.get('/:part{modules|sessions}/:partId/remove', async (c) => {
    const e = await editing(c);
    const part = partParam(c);
    const item = partOf(e, part, c.req.param('partId'));
    return page(c, `Remove ${item.title}`, <RemoveView row={e.row} part={part} item={item} />);
  });

  app.post('/:part{modules|sessions}/:partId/remove', async (c) => {
    const e = await editing(c);
    await removePart(c.var.deps, currentActor(c), e.row.id, partParam(c), c.req.param('partId'));
    return c.redirect(`/programmes/${e.row.slug}/draft`, 303);
  });

  // Mini Knowledge, activities and resources share one editor.
  const kindParam = (c: Context<AppEnv>): ItemKind => ITEM_KINDS.find((k) => k === c.req.param('kind')) ?? notFound();
  const itemPage = (
    c: Context<AppEnv>,
    e: Editing,
    at: { sessionId: string; kind: ItemKind; itemId: string },
    values: RawForm,
    revision: number,
    errors?: FieldErrors,
    preview = false,
  ) => {
    const session = findSession(e.draft, at.sessionId)?.session ?? notFound();
    const title = `${at.itemId === 'new' ? 'Add' : 'Edit'} ${at.kind === 'knowledge' ? 'Mini Knowledge' : at.kind === 'activities' ? 'activity' : 'useful resource'}`;
    return page(
      c,
      title,
      <ItemFormView row={e.row} session={session} kind={at.kind} itemId={at.itemId} values={values} revision={revision} errors={errors} preview={preview} />,
      errors,
    );
  };
  const itemAt = (c: Context<AppEnv>, e: Editing) => {
    const at = { sessionId: c.req.param('sessionId') ?? '', kind: kindParam(c), itemId: c.req.param('itemId') ?? '' };
    const session = findSession(e.draft, at.sessionId)?.session ?? notFound();
    const item = at.itemId === 'new' ? null : (itemOf(session, at.kind, at.itemId) ?? notFound());
    return { at, session, item };
  };

  app.get('/sessions/:sessionId/:kind{knowledge|activities|resources}/:itemId', async (c) => {
    const e = await editing(c);
    const { at, item } = itemAt(c, e);
    return itemPage(c, e, at, item ? itemValues(at.kind, item) : {}, e.row.draft_revision);
  });

  app.post('/sessions/:sessionId/:kind{knowledge|activities|resources}/:itemId', async (c) => {
    const e = await editing(c);
    const { at, session } = itemAt(c, e);
    const values = await readForm(c);
    const schema =
      at.kind === 'knowledge' ? knowledgeForm(session.learningIntentions.map((li) => li.id)) : at.kind === 'activities' ? activityForm : resourceForm;
    const parsed = schema.safeParse(at.kind === 'knowledge' ? { ...strings(values), intentions: values.intentions } : strings(values));
    const errors = parsed.success ? undefined : problems(parsed.error);
    if (values.intent === 'preview') return itemPage(c, e, at, values, postedRevision(values), errors, true);
    if (!parsed.success) return itemPage(c, e, at, values, postedRevision(values), errors);
    const result = await saveItem(c.var.deps, currentActor(c), e.row.id, at, parsed.data);
    if (result.ok) return c.redirect(`/programmes/${e.row.slug}/draft/sessions/${at.sessionId}`, 303);
    const problem = await refused(c, e.row.id, result);
    return itemPage(c, e, at, values, problem.revision, problem.errors);
  });

  app.post('/sessions/:sessionId/:kind{knowledge|activities|resources}/:itemId/remove', async (c) => {
    const e = await editing(c);
    const { at } = itemAt(c, e);
    await removeItem(c.var.deps, currentActor(c), e.row.id, at);
    return c.redirect(`/programmes/${e.row.slug}/draft/sessions/${at.sessionId}`, 303);
  });

  // Assignments set in a session
  const assignmentAt = (c: Context<AppEnv>, e: Editing) => {
    const at = { sessionId: c.req.param('sessionId') ?? '', assignmentId: c.req.param('assignmentId') ?? '' };
    const session = findSession(e.draft, at.sessionId)?.session ?? notFound();
    const assignment = at.assignmentId === 'new' ? null : (session.assignments.find((a) => a.id === at.assignmentId) ?? notFound());
    return { at, session, assignment };
  };
  const assignmentPage = (c: Context<AppEnv>, e: Editing, values: RawForm, revision: number, errors?: FieldErrors, preview = false) => {
    const { at, session, assignment } = assignmentAt(c, e);
    const rows = criterionRows(values, assignment?.criteria.length ?? 0);
    const title = at.assignmentId === 'new' ? 'Add an assignment' : `Edit ${assignment?.title ?? 'assignment'}`;
    return page(
      c,
      title,
      <AssignmentFormView
        row={e.row}
        session={session}
        assignmentId={at.assignmentId}
        values={values}
        revision={revision}
        criterionRows={rows}
        errors={errors}
        preview={preview}
      />,
      errors,
    );
  };

  app.get('/sessions/:sessionId/assignments/:assignmentId', async (c) => {
    const e = await editing(c);
    const { assignment } = assignmentAt(c, e);
    return assignmentPage(c, e, assignment ? assignmentValues(assignment) : {}, e.row.draft_revision);
  });

  app.post('/sessions/:sessionId/assignments/:assignmentId', async (c) => {
    const e = await editing(c);
    const { at } = assignmentAt(c, e);
    const values = await readForm(c);
    const parsed = parseAssignmentForm(values);
    if (values.intent === 'preview') return assignmentPage(c, e, values, postedRevision(values), parsed.ok ? undefined : parsed.errors, true);
    if (!parsed.ok) return assignmentPage(c, e, values, postedRevision(values), parsed.errors);
    const result = await saveAssignment(c.var.deps, currentActor(c), e.row.id, at, parsed.data);
    if (result.ok) return c.redirect(`/programmes/${e.row.slug}/draft/sessions/${at.sessionId}`, 303);
    const problem = await refused(c, e.row.id, result);
    return assignmentPage(c, e, values, problem.revision, problem.errors);
  });

  app.post('/sessions/:sessionId/assignments/:assignmentId/remove', async (c) => {
    const e = await editing(c);
    const sessionId = c.req.param('sessionId');
    await removeAssignment(c.var.deps, currentActor(c), e.row.id, { sessionId, assignmentId: c.req.param('assignmentId') });
    return c.redirect(`/programmes/${e.row.slug}/draft/sessions/${sessionId}`, 303);
  });

  // Exercise files
  app.post('/sessions/:sessionId/files', async (c) => {
    const e = await editing(c);
    const sessionId = c.req.param('sessionId');
    const session = findSession(e.draft, sessionId)?.session ?? notFound();
    const body = await c.req.parseBody();
    const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
    const parsed = fileForm.safeParse({ revision: String(e.row.draft_revision), title: typeof body.title === 'string' ? body.title : '' });
    const errors: FieldErrors = {};
    if (!parsed.success) errors.fileTitle = parsed.error.issues[0]!.message;
    if (!file) errors.file = 'Choose a file to upload';
    if (parsed.success && file) {
      const stored = await addExerciseFile(c.var.deps, currentActor(c), e.row.id, sessionId, {
        title: parsed.data.title,
        filename: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      if (stored.ok) return c.redirect(`/programmes/${e.row.slug}/draft/sessions/${sessionId}`, 303);
      errors.file = stored.message;
    }
    // The file form shares the page with the session form, so what was typed as its title comes back under its own key.
    const typed = typeof body.title === 'string' ? cleanFormText(body.title) : '';
    return sessionPage(c, e, sessionId, { ...sessionValues(session), fileTitle: typed }, e.row.draft_revision, errors);
  });

  app.post('/sessions/:sessionId/files/:fileId/remove', async (c) => {
    const e = await editing(c);
    const sessionId = c.req.param('sessionId');
    await removeExerciseFile(c.var.deps, currentActor(c), e.row.id, sessionId, c.req.param('fileId'));
    return c.redirect(`/programmes/${e.row.slug}/draft/sessions/${sessionId}`, 303);
  });

  return app;
}

/** Publishing the draft, at /programmes/:slug/publish: the programme team only. */
export function publishRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canAuthorCurriculum));

  app.post('/', async (c) => {
    const e = await editing(c);
    const values = strings(await readForm(c));
    const parsed = publishForm.safeParse(values);
    if (!parsed.success) {
      const note = { value: values.note ?? '', error: problems(parsed.error).note ?? 'Check the note' };
      return page(c, `Draft of ${e.draft.title}`, <DraftView row={e.row} draft={e.draft} note={note} />, { note: note.error });
    }
    const number = await publishDraft(c.var.deps, currentActor(c), e.row.id, parsed.data.note);
    return c.redirect(`/programmes/${e.row.slug}/draft?notice=published&version=${number}`, 303);
  });

  return app;
}

/** Importing a content pack, at /programmes/import: the programme team only. */
export function importRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canAuthorCurriculum));

  app.get('/', (c) => page(c, 'Import a content pack', <ImportView />));

  app.post('/', async (c) => {
    const body = await c.req.parseBody();
    const file = body.pack instanceof File ? body.pack : null;
    const result = await importPackUpload(c.var.deps, currentActor(c), file && { filename: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (result.ok) return c.redirect(`/programmes/${result.slug}/draft?notice=imported`, 303);
    return renderPage(c, { title: 'Import a content pack', status: 422, hasErrors: true, body: <ImportView problems={result.problems} /> });
  });

  return app;
}
