import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Child } from 'hono/jsx';
import type { z } from 'zod';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { ErrorSummary, fieldErrors, PostForm, TextArea, TextField, type FieldErrors, type FormValues } from '../../views/form.tsx';
import { Markdown } from '../../views/markdown.tsx';
import { allow, currentActor } from '../../auth/guards.ts';
import { canAuthorCurriculum } from '../../policies/curriculum.ts';
import { findSession, moduleLabel, newPartId, type Activity, type MiniKnowledge, type Module, type Programme, type Resource, type Session } from './model.ts';
import { getProgrammeRow, parseProgramme, type ProgrammeRow } from './queries.ts';
import { importProgramme, publishProgramme, storeExerciseFile, updateDraft } from './commands.ts';
import { readPackZip, type PackProblem } from './pack.ts';
import { activityForm, fileForm, knowledgeForm, moduleForm, programmeForm, publishForm, resourceForm, sessionForm } from './forms.ts';

type Values = Record<string, string | string[]>;

async function readForm(c: Context<AppEnv>): Promise<Values> {
  const body = await c.req.parseBody({ all: true });
  const out: Values = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
  }
  return out;
}
const str = (v: Values, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
const arr = (v: Values, k: string) => (v[k] === undefined ? [] : ([] as string[]).concat(v[k] as string | string[]));
const strings = (v: Values): FormValues => Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string')) as FormValues;

async function draftOf(c: Context<AppEnv>): Promise<{ row: ProgrammeRow; draft: Programme }> {
  const row = await getProgrammeRow(c.var.deps.db, c.req.param('slug') ?? '');
  if (!row) throw new HTTPException(404);
  return { row, draft: parseProgramme(row.draft_json) };
}

const CONFLICT =
  'Someone else saved changes to this programme while you were editing. Nothing you typed has been lost: it is below. Check the draft, then save again to keep your version.';

function Revision({ value }: { value: number }) {
  return <input type="hidden" name="revision" value={String(value)} />;
}

function Checkbox({ name, label, checked, value = 'yes', id }: { name: string; label: string; checked: boolean; value?: string; id: string }) {
  return (
    <div class="checkbox">
      <input type="checkbox" id={id} name={name} value={value} checked={checked} />
      <label for={id}>{label}</label>
    </div>
  );
}

function Back({ slug }: { slug: string }) {
  return (
    <p>
      <a href={`/programmes/${slug}/draft`}>Back to the draft</a>
    </p>
  );
}

function MoveButtons({ action, label }: { action: string; label: string }) {
  return (
    <PostForm action={action} class="inline-form">
      <button type="submit" name="direction" value="up" class="link-button">
        Move up<span class="visually-hidden"> {label}</span>
      </button>{' '}
      <button type="submit" name="direction" value="down" class="link-button">
        Move down<span class="visually-hidden"> {label}</span>
      </button>
    </PostForm>
  );
}

function move<T>(list: T[], index: number, direction: string): void {
  const to = direction === 'up' ? index - 1 : index + 1;
  if (index < 0 || to < 0 || to >= list.length) return;
  [list[index], list[to]] = [list[to]!, list[index]!];
}

function DraftView({ row, draft, notice }: { row: ProgrammeRow; draft: Programme; notice?: string | undefined }) {
  const base = `/programmes/${row.slug}/draft`;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/programmes/${row.slug}`}>{draft.title}</a>
      </p>
      <h1>Draft of {draft.title}</h1>
      {notice ? (
        <div class="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p>
        Changes you make here stay in the draft until you publish.{' '}
        {row.latest_version ? `The latest published version is ${row.latest_version}.` : 'Nothing is published yet.'}
      </p>
      <p class="actions">
        <a href={`${base}/programme`}>Edit programme details</a>
        <a href={`/programmes/${row.slug}?draft=1`}>Preview the draft</a>
        <a href={`/programmes/${row.slug}/export.zip?draft=1`}>Download the draft as a content pack</a>
      </p>
      {draft.modules.map((m, mi) => (
        <section class="module" aria-labelledby={`dm-${m.id}`}>
          <h2 id={`dm-${m.id}`}>{moduleLabel(draft, m)}</h2>
          <p class="actions">
            <a href={`${base}/modules/${m.id}`}>
              Edit module<span class="visually-hidden"> {m.title}</span>
            </a>
            {draft.modules.length > 1 ? <MoveButtons action={`${base}/modules/${m.id}/move`} label={`module ${m.title}`} /> : null}
            <a href={`${base}/modules/${m.id}/remove`}>
              Remove module<span class="visually-hidden"> {m.title}</span>
            </a>
          </p>
          {m.sessions.length === 0 ? <p>No sessions yet.</p> : null}
          <ol class="session-list">
            {m.sessions.map((s) => (
              <li>
                <a href={`${base}/sessions/${s.id}`}>
                  {s.title}
                  <span class="visually-hidden"> (edit)</span>
                </a>
                <div class="actions">
                  {m.sessions.length > 1 ? <MoveButtons action={`${base}/sessions/${s.id}/move`} label={`session ${s.title}`} /> : null}
                  <a href={`${base}/sessions/${s.id}/remove`}>
                    Remove<span class="visually-hidden"> session {s.title}</span>
                  </a>
                </div>
              </li>
            ))}
          </ol>
          <PostForm action={`${base}/modules/${m.id}/sessions`}>
            <Revision value={row.draft_revision} />
            <TextField name="title" id={`new-session-${m.id}`} label={`New session in ${m.title}`} />
            <button type="submit" class="button-secondary">
              Add session
            </button>
          </PostForm>
          {mi < draft.modules.length - 1 ? <hr /> : null}
        </section>
      ))}
      <h2>Add a module</h2>
      <PostForm action={`${base}/modules`}>
        <Revision value={row.draft_revision} />
        <TextField name="title" id="new-module-title" label="Module title" />
        <button type="submit" class="button-secondary">
          Add module
        </button>
      </PostForm>
      <h2>Publish</h2>
      <p>Publishing freezes the draft as version {row.latest_version + 1}. Cohorts keep the version they started with until their coordinator moves them on.</p>
      <PostForm action={`/programmes/${row.slug}/publish`}>
        <TextField name="note" label="What changed (optional)" hint="A line for the version history, for example: Rewrote the lesson for session 4" />
        <button type="submit">Publish version {row.latest_version + 1}</button>
      </PostForm>
    </>
  );
}

interface FormPageProps {
  heading: string;
  action: string;
  slug: string;
  revision: number;
  errors?: FieldErrors | undefined;
  preview?: Child;
  children: Child;
  submit?: string;
  previewButton?: boolean;
}

function FormPage({ heading, action, slug, revision, errors, preview, children, submit = 'Save to draft', previewButton }: FormPageProps) {
  return (
    <>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} />
      {preview ? (
        <section class="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">Preview (not saved yet)</h2>
          {preview}
        </section>
      ) : null}
      <PostForm action={action}>
        <Revision value={revision} />
        {children}
        <button type="submit" name="intent" value="save">
          {submit}
        </button>{' '}
        {previewButton ? (
          <button type="submit" name="intent" value="preview" class="button-secondary">
            Preview
          </button>
        ) : null}
      </PostForm>
      <Back slug={slug} />
    </>
  );
}

const MARKDOWN_HINT = 'You can use Markdown: **bold**, *italic*, lists starting with -, and ## headings.';

function SessionFields({ values, errors, session }: { values: FormValues; errors?: FieldErrors | undefined; session: Session }) {
  const rows = Math.max(session.learningIntentions.length, Number(values.intentionCount ?? 0)) + 2;
  const noteRows = Math.max(session.contentNotes.length, Number(values.noteCount ?? 0)) + 1;
  return (
    <>
      <TextField name="title" label="Session title" value={values.title} error={errors?.title} />
      <TextArea name="aim" label="Aim" hint="What the session is for, in a sentence or two. Participants see this." value={values.aim} error={errors?.aim} />
      <TextField name="durationMinutes" label="Length in minutes (optional)" value={values.durationMinutes} error={errors?.durationMinutes} />
      <fieldset class="field">
        <legend>Content notes</legend>
        <p class="hint">
          Shown to participants before the content and in the schedule, for sessions on topics such as trauma or suicidality. Leave empty if none.
        </p>
        <input type="hidden" name="noteCount" value={String(noteRows)} />
        {Array.from({ length: noteRows }, (_, i) => (
          <div class="row-group">
            <TextField
              name={`noteTopic_${i}`}
              label={`Content note ${i + 1}: topic`}
              hint="One or two words, like trauma"
              value={values[`noteTopic_${i}`]}
              error={errors?.[`noteTopic_${i}`]}
            />
            <TextField
              name={`noteText_${i}`}
              label={`Content note ${i + 1}: what to expect`}
              value={values[`noteText_${i}`]}
              error={errors?.[`noteText_${i}`]}
            />
          </div>
        ))}
      </fieldset>
      <fieldset class="field">
        <legend>Learning intentions</legend>
        <p class="hint">One per box, in order. Clear a box to remove it. Mini Knowledge links to these.</p>
        <input type="hidden" name="intentionCount" value={String(rows)} />
        {Array.from({ length: rows }, (_, i) => (
          <>
            <input type="hidden" name={`intentionId_${i}`} value={values[`intentionId_${i}`] ?? ''} />
            <TextField
              name={`intentionText_${i}`}
              label={`Learning intention ${i + 1}`}
              value={values[`intentionText_${i}`]}
              error={errors?.[`intentionText_${i}`]}
            />
          </>
        ))}
      </fieldset>
      <TextArea name="overview" label="Overview (optional)" hint={MARKDOWN_HINT} rows={4} value={values.overview} error={errors?.overview} />
      <TextArea
        name="lesson"
        label="Lesson (About this lesson)"
        hint={`What participants read. ${MARKDOWN_HINT}`}
        rows={12}
        value={values.lesson}
        error={errors?.lesson}
      />
      <TextArea
        name="assessment"
        label="Assessment set in this session (optional)"
        hint={MARKDOWN_HINT}
        rows={4}
        value={values.assessment}
        error={errors?.assessment}
      />
      <TextField
        name="tags"
        label="Topics (optional)"
        hint="Separated by commas. CHIME: connectedness, hope, identity, meaning, empowerment; or your own."
        value={values.tags}
        error={errors?.tags}
      />
    </>
  );
}

function sessionValues(s: Session): FormValues {
  const v: FormValues = {
    title: s.title,
    aim: s.aim,
    overview: s.overview,
    durationMinutes: s.durationMinutes ? String(s.durationMinutes) : '',
    lesson: s.lesson,
    assessment: s.assessment,
    tags: s.tags.join(', '),
  };
  s.learningIntentions.forEach((li, i) => {
    v[`intentionId_${i}`] = li.id;
    v[`intentionText_${i}`] = li.text;
  });
  s.contentNotes.forEach((n, i) => {
    v[`noteTopic_${i}`] = n.topic;
    v[`noteText_${i}`] = n.text;
  });
  return v;
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'intention';

/** Reads the repeated rows of the session form; keeps existing intention ids so Mini Knowledge links survive edits. */
function sessionRows(values: FormValues, errors: FieldErrors) {
  const intentions: { id: string; text: string }[] = [];
  const used = new Set<string>();
  for (let i = 0; i < Math.min(Number(values.intentionCount ?? 0), 100); i++) {
    const text = (values[`intentionText_${i}`] ?? '').trim();
    if (!text) continue;
    let id = values[`intentionId_${i}`] || slugify(text);
    while (used.has(id)) id = `${id}-${i}`;
    used.add(id);
    intentions.push({ id, text });
  }
  const notes: { topic: string; text: string }[] = [];
  for (let i = 0; i < Math.min(Number(values.noteCount ?? 0), 20); i++) {
    const topic = (values[`noteTopic_${i}`] ?? '').trim();
    const text = (values[`noteText_${i}`] ?? '').trim();
    if (!topic && !text) continue;
    if (!text) errors[`noteText_${i}`] = 'Say what participants should expect, for example: This session discusses suicidality.';
    else if (!topic) errors[`noteTopic_${i}`] = 'Enter a topic for this content note, like trauma';
    else notes.push({ topic: slugify(topic), text });
  }
  return { intentions, notes };
}

interface ItemKind<T extends { id: string }> {
  path: string;
  noun: string;
  list: (s: Session) => T[];
  parse: (v: Values, session: Session) => z.ZodSafeParseResult<Omit<T, 'id'>>;
  values: (item: T) => Values;
  Fields: (p: { values: Values; errors?: FieldErrors | undefined; session: Session }) => Child;
  preview?: (v: Values) => Child;
}

const knowledgeKind: ItemKind<MiniKnowledge> = {
  path: 'knowledge',
  noun: 'Mini Knowledge',
  list: (s) => s.miniKnowledge,
  // Only intentions of this session count: a stale or forged id is dropped, never stored as a dead link.
  parse: (v, session) =>
    knowledgeForm.safeParse({
      title: str(v, 'title'),
      body: str(v, 'body'),
      intentions: arr(v, 'intentions').filter((id) => session.learningIntentions.some((li) => li.id === id)),
      tags: str(v, 'tags'),
    }),
  values: (k) => ({ title: k.title, body: k.body, intentions: k.intentions, tags: k.tags.join(', ') }),
  Fields: ({ values, errors, session }) => (
    <>
      <TextField name="title" label="Title" value={str(values, 'title')} error={errors?.title} />
      <div class={errors?.intentions ? 'field field-error' : 'field'} id="field-intentions">
        <fieldset>
          <legend>Learning intentions it supports</legend>
          {errors?.intentions ? <p class="error-message">{errors.intentions}</p> : null}
          {session.learningIntentions.length === 0 ? <p>Add learning intentions to the session first.</p> : null}
          {session.learningIntentions.map((li, i) => (
            <Checkbox id={`li-${i}`} name="intentions" value={li.id} label={li.text} checked={arr(values, 'intentions').includes(li.id)} />
          ))}
        </fieldset>
      </div>
      <TextArea
        name="body"
        label="Knowledge for facilitators"
        hint={`Facilitators only: participants never see this. ${MARKDOWN_HINT}`}
        rows={12}
        value={str(values, 'body')}
        error={errors?.body}
      />
      <TextField
        name="tags"
        label="Topics (optional)"
        hint="Separated by commas. Shared topics show up on the overlap map."
        value={str(values, 'tags')}
        error={errors?.tags}
      />
    </>
  ),
  preview: (v) => <Markdown source={str(v, 'body')} />,
};

const activityKind: ItemKind<Activity> = {
  path: 'activities',
  noun: 'activity',
  list: (s) => s.activities,
  parse: (v) =>
    activityForm.safeParse({ title: str(v, 'title'), minutes: str(v, 'minutes'), participant: str(v, 'participant'), facilitator: str(v, 'facilitator') }),
  values: (a) => ({ title: a.title, minutes: a.minutes ? String(a.minutes) : '', participant: a.participant, facilitator: a.facilitator }),
  Fields: ({ values, errors }) => (
    <>
      <TextField name="title" label="Title" value={str(values, 'title')} error={errors?.title} />
      <TextField name="minutes" label="Time in minutes (optional)" value={str(values, 'minutes')} error={errors?.minutes} />
      <TextArea
        name="participant"
        label="Instructions for participants"
        hint={MARKDOWN_HINT}
        rows={6}
        value={str(values, 'participant')}
        error={errors?.participant}
      />
      <TextArea
        name="facilitator"
        label="Guidance for facilitators"
        hint={`Facilitators only. ${MARKDOWN_HINT}`}
        rows={6}
        value={str(values, 'facilitator')}
        error={errors?.facilitator}
      />
    </>
  ),
  preview: (v) => (
    <>
      <Markdown source={str(v, 'participant')} />
      <Markdown source={str(v, 'facilitator')} class="prose facilitator-only" />
    </>
  ),
};

const resourceKind: ItemKind<Resource> = {
  path: 'resources',
  noun: 'useful resource',
  list: (s) => s.resources,
  parse: (v) => resourceForm.safeParse({ title: str(v, 'title'), url: str(v, 'url'), description: str(v, 'description') }),
  values: (r) => ({ title: r.title, url: r.url, description: r.description }),
  Fields: ({ values, errors }) => (
    <>
      <TextField name="title" label="Name of the resource" value={str(values, 'title')} error={errors?.title} />
      <TextField name="url" type="url" label="Web address" value={str(values, 'url')} error={errors?.url} />
      <TextField name="description" label="Why it is useful (optional)" value={str(values, 'description')} error={errors?.description} />
    </>
  ),
};

/** Writing and publishing curriculum: the programme team only. */
export function authoringRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/import', allow(canAuthorCurriculum));
  app.use('/:slug/draft', allow(canAuthorCurriculum));
  app.use('/:slug/draft/*', allow(canAuthorCurriculum));
  app.use('/:slug/publish', allow(canAuthorCurriculum));

  const render = (c: Context<AppEnv>, title: string, body: Child, status: 200 | 409 | 422 = 200) =>
    renderPage(c, { title, body, status, hasErrors: status !== 200 });

  /** Applies a change to the draft; on a conflict or invalid result re-renders the form with what was typed. */
  async function save(
    c: Context<AppEnv>,
    row: ProgrammeRow,
    values: Values,
    change: (p: Programme) => void,
    rerender: (errors: FieldErrors, revision: number) => Promise<Response>,
    then: string,
  ) {
    const result = await updateDraft(c.var.deps, currentActor(c), row.id, Number(str(values, 'revision')), change);
    if (result.ok) return c.redirect(then, 303);
    const fresh = (await getProgrammeRow(c.var.deps.db, row.slug))!;
    return rerender({ form: result.reason === 'conflict' ? CONFLICT : result.message }, fresh.draft_revision);
  }

  const ImportPage = ({ problems }: { problems?: PackProblem[] }) => (
    <>
      <h1>Import a content pack</h1>
      <p>
        A content pack is a programme as a zip of Markdown files (see the format in the project documentation). Importing a pack whose programme already exists
        replaces its draft; published versions never change.
      </p>
      {problems?.length ? (
        <div class="error-summary" role="alert" aria-labelledby="pack-problems" tabindex={-1} data-error-summary>
          <h2 id="pack-problems">Nothing was imported: the pack has {problems.length === 1 ? 'a problem' : `${problems.length} problems`}</h2>
          <ul>
            {problems.map((p) => (
              <li>
                <a href="#field-pack">
                  {p.file}:{p.line}: {p.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/programmes/import" enctype="multipart/form-data">
        <div class={problems?.length ? 'field field-error' : 'field'}>
          <label for="field-pack">Content pack (.zip)</label>
          <input id="field-pack" name="pack" type="file" accept=".zip,application/zip" />
        </div>
        <button type="submit">Check and import</button>
      </form>
    </>
  );

  app.get('/import', (c) => render(c, 'Import a content pack', <ImportPage />));

  app.post('/import', async (c) => {
    const body = await c.req.parseBody();
    const file = body.pack;
    if (!(file instanceof File) || file.size === 0)
      return render(c, 'Import a content pack', <ImportPage problems={[{ file: 'upload', line: 1, message: 'Choose a .zip content pack to import' }]} />, 422);
    if (file.size > c.var.deps.config.uploadLimitBytes)
      return render(
        c,
        'Import a content pack',
        <ImportPage problems={[{ file: file.name, line: 1, message: 'The pack is larger than the upload limit' }]} />,
        422,
      );
    const pack = readPackZip(new Uint8Array(await file.arrayBuffer()));
    if (!pack.ok) return render(c, 'Import a content pack', <ImportPage problems={pack.problems} />, 422);
    const result = await importProgramme(c.var.deps, currentActor(c), pack);
    if (!result.ok) return render(c, 'Import a content pack', <ImportPage problems={result.problems} />, 422);
    return c.redirect(`/programmes/${pack.programme.slug}/draft?notice=imported`, 303);
  });

  const notices: Record<string, string> = { imported: 'The pack was imported into the draft. Preview it, then publish when ready.', published: 'Published.' };

  app.get('/:slug/draft', async (c) => {
    const { row, draft } = await draftOf(c);
    return render(c, `Draft of ${draft.title}`, <DraftView row={row} draft={draft} notice={notices[c.req.query('notice') ?? '']} />);
  });

  app.post('/:slug/publish', async (c) => {
    const { row } = await draftOf(c);
    const parsed = publishForm.safeParse(strings(await readForm(c)));
    const note = parsed.success ? parsed.data.note : '';
    const number = await publishProgramme(c.var.deps, currentActor(c), row.id, note);
    return c.redirect(`/programmes/${row.slug}/draft?notice=published&version=${number}`, 303);
  });

  // Programme details
  const programmePage = (c: Context<AppEnv>, row: ProgrammeRow, values: FormValues, revision: number, errors?: FieldErrors) =>
    render(
      c,
      'Edit programme details',
      <FormPage heading="Edit programme details" action={`/programmes/${row.slug}/draft/programme`} slug={row.slug} revision={revision} errors={errors}>
        <TextField name="title" label="Title" value={values.title} error={errors?.title} />
        <TextField name="summary" label="One-line summary (optional)" value={values.summary} error={errors?.summary} />
        <TextArea name="description" label="Description for participants (optional)" hint={MARKDOWN_HINT} rows={6} value={values.description} />
        <TextArea
          name="facilitatorNotes"
          label="Notes for facilitators (optional)"
          hint={`Facilitators only. ${MARKDOWN_HINT}`}
          rows={6}
          value={values.facilitatorNotes}
        />
      </FormPage>,
      errors ? (errors.form === CONFLICT ? 409 : 422) : 200,
    );

  app.get('/:slug/draft/programme', async (c) => {
    const { row, draft } = await draftOf(c);
    return programmePage(
      c,
      row,
      { title: draft.title, summary: draft.summary, description: draft.description, facilitatorNotes: draft.facilitatorNotes },
      row.draft_revision,
    );
  });

  app.post('/:slug/draft/programme', async (c) => {
    const { row } = await draftOf(c);
    const values = await readForm(c);
    const parsed = programmeForm.safeParse(strings(values));
    if (!parsed.success) return programmePage(c, row, strings(values), Number(str(values, 'revision')), fieldErrors(parsed.error));
    return save(
      c,
      row,
      values,
      (p) => Object.assign(p, parsed.data),
      (errors, rev) => programmePage(c, row, strings(values), rev, errors),
      `/programmes/${row.slug}/draft`,
    );
  });

  // Modules
  app.post('/:slug/draft/modules', async (c) => {
    const { row } = await draftOf(c);
    const values = await readForm(c);
    const title = str(values, 'title').trim() || 'New module';
    const id = newPartId();
    return save(
      c,
      row,
      values,
      (p) =>
        p.modules.push({
          id,
          title,
          purpose: '',
          description: '',
          facilitatorNotes: '',
          standsAlone: true,
          preProgramme: false,
          tags: [],
          stocktake: [],
          sessions: [],
        }),
      async () => c.redirect(`/programmes/${row.slug}/draft`, 303),
      `/programmes/${row.slug}/draft/modules/${id}`,
    );
  });

  const modulePage = (c: Context<AppEnv>, row: ProgrammeRow, module: Module, values: FormValues, revision: number, errors?: FieldErrors) =>
    render(
      c,
      `Edit ${module.title}`,
      <FormPage
        heading={`Edit module: ${module.title}`}
        action={`/programmes/${row.slug}/draft/modules/${module.id}`}
        slug={row.slug}
        revision={revision}
        errors={errors}
      >
        <TextField name="title" label="Title" value={values.title} error={errors?.title} />
        <TextField name="purpose" label="Purpose (one line, optional)" value={values.purpose} error={errors?.purpose} />
        <TextArea name="description" label="Description (optional)" hint={MARKDOWN_HINT} rows={6} value={values.description} />
        <TextArea
          name="facilitatorNotes"
          label="Introduction for facilitators (optional)"
          hint={`Facilitators only. ${MARKDOWN_HINT}`}
          rows={6}
          value={values.facilitatorNotes}
        />
        <Checkbox id="stands-alone" name="standsAlone" label="Can be delivered on its own" checked={values.standsAlone === 'yes'} />
        <Checkbox id="pre-programme" name="preProgramme" label="Pre-programme (readiness, before the programme)" checked={values.preProgramme === 'yes'} />
        <TextField name="tags" label="Topics (optional)" hint="Separated by commas" value={values.tags} error={errors?.tags} />
        <TextArea
          name="stocktake"
          label="Personal stocktake questions (pre-programme modules)"
          hint="One question per line. Participants answer them privately and may share their answers with their facilitators."
          rows={6}
          value={values.stocktake}
        />
      </FormPage>,
      errors ? (errors.form === CONFLICT ? 409 : 422) : 200,
    );

  const moduleOr404 = (p: Programme, id: string) => {
    const index = p.modules.findIndex((m) => m.id === id);
    if (index < 0) throw new HTTPException(404);
    return { module: p.modules[index]!, index };
  };

  app.get('/:slug/draft/modules/:moduleId', async (c) => {
    const { row, draft } = await draftOf(c);
    const { module: m } = moduleOr404(draft, c.req.param('moduleId'));
    const values = {
      title: m.title,
      purpose: m.purpose,
      description: m.description,
      facilitatorNotes: m.facilitatorNotes,
      standsAlone: m.standsAlone ? 'yes' : '',
      preProgramme: m.preProgramme ? 'yes' : '',
      tags: m.tags.join(', '),
    };
    return modulePage(c, row, m, values, row.draft_revision);
  });

  app.post('/:slug/draft/modules/:moduleId', async (c) => {
    const { row, draft } = await draftOf(c);
    const moduleId = c.req.param('moduleId');
    const { module: m } = moduleOr404(draft, moduleId);
    const values = await readForm(c);
    const parsed = moduleForm.safeParse(strings(values));
    if (!parsed.success) return modulePage(c, row, m, strings(values), Number(str(values, 'revision')), fieldErrors(parsed.error));
    return save(
      c,
      row,
      values,
      (p) => {
        const target = moduleOr404(p, moduleId).module;
        // A question keeps its id while its wording stays, so answers already given still match it.
        const lines = (strings(values).stocktake ?? '')
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .slice(0, 50);
        const used = new Set<string>();
        const stocktake = lines.map((text, i) => {
          let id = target.stocktake.find((q) => q.text === text)?.id ?? `q-${slugify(text).slice(0, 30)}`;
          while (used.has(id)) id = `${id}-${i}`;
          used.add(id);
          return { id, text };
        });
        Object.assign(target, parsed.data, { stocktake });
      },
      (errors, rev) => modulePage(c, row, m, strings(values), rev, errors),
      `/programmes/${row.slug}/draft`,
    );
  });

  app.post('/:slug/draft/modules/:moduleId/move', async (c) => {
    const { row } = await draftOf(c);
    const values = await readForm(c);
    const moduleId = c.req.param('moduleId');
    await updateDraft(c.var.deps, currentActor(c), row.id, null, (p) =>
      move(
        p.modules,
        p.modules.findIndex((m) => m.id === moduleId),
        str(values, 'direction'),
      ),
    );
    return c.redirect(`/programmes/${row.slug}/draft`, 303);
  });

  app.post('/:slug/draft/modules/:moduleId/sessions', async (c) => {
    const { row, draft } = await draftOf(c);
    const moduleId = c.req.param('moduleId');
    moduleOr404(draft, moduleId);
    const values = await readForm(c);
    const id = newPartId();
    const title = str(values, 'title').trim() || 'New session';
    return save(
      c,
      row,
      values,
      (p) =>
        moduleOr404(p, moduleId).module.sessions.push({
          id,
          title,
          aim: '',
          overview: '',
          durationMinutes: null,
          lesson: '',
          assessment: '',
          tags: [],
          contentNotes: [],
          learningIntentions: [],
          miniKnowledge: [],
          activities: [],
          files: [],
          resources: [],
        }),
      async () => c.redirect(`/programmes/${row.slug}/draft`, 303),
      `/programmes/${row.slug}/draft/sessions/${id}`,
    );
  });

  // Sessions
  const sessionOr404 = (p: Programme, id: string) => {
    const found = findSession(p, id);
    if (!found) throw new HTTPException(404);
    return found;
  };

  function SessionExtras({ slug, session, revision, errors }: { slug: string; session: Session; revision: number; errors?: FieldErrors | undefined }) {
    const base = `/programmes/${slug}/draft/sessions/${session.id}`;
    const itemList = <T extends { id: string; title: string }>(kind: ItemKind<T & { id: string }>, heading: string, items: T[]) => (
      <section aria-labelledby={`h-${kind.path}`}>
        <h2 id={`h-${kind.path}`}>{heading}</h2>
        {items.length === 0 ? <p>None yet.</p> : null}
        <ul>
          {items.map((item) => (
            <li>
              <a href={`${base}/${kind.path}/${item.id}`}>
                {item.title}
                <span class="visually-hidden"> (edit)</span>
              </a>
            </li>
          ))}
        </ul>
        <p>
          <a href={`${base}/${kind.path}/new`}>Add {kind.noun}</a>
        </p>
      </section>
    );
    return (
      <>
        {itemList(knowledgeKind, 'Mini Knowledge (facilitators only)', session.miniKnowledge)}
        {itemList(activityKind, 'Activities', session.activities)}
        {itemList(resourceKind, 'Useful resources', session.resources)}
        <section aria-labelledby="h-files">
          <h2 id="h-files">Exercise files</h2>
          {session.files.length === 0 ? <p>No exercise files for this session.</p> : null}
          <ul>
            {session.files.map((f) => (
              <li>
                {f.title} <span class="hint">({f.filename})</span>{' '}
                <PostForm action={`${base}/files/${f.id}/remove`} class="inline-form">
                  <Revision value={revision} />
                  <button type="submit" class="link-button">
                    Remove<span class="visually-hidden"> {f.title}</span>
                  </button>
                </PostForm>
              </li>
            ))}
          </ul>
          <form method="post" action={`${base}/files`} enctype="multipart/form-data">
            <Revision value={revision} />
            <TextField name="title" id="field-fileTitle" label="File title" error={errors?.fileTitle} />
            <div class={errors?.file ? 'field field-error' : 'field'}>
              <label for="field-file">File</label>
              <p class="hint" id="field-file-hint">
                PDF, Word (DOCX), OpenDocument text (ODT), PowerPoint (PPTX), PNG or JPEG.
              </p>
              {errors?.file ? (
                <p class="error-message" id="field-file-error">
                  <span class="visually-hidden">Error: </span>
                  {errors.file}
                </p>
              ) : null}
              <input id="field-file" name="file" type="file" aria-describedby="field-file-hint" />
            </div>
            <button type="submit" class="button-secondary">
              Upload file
            </button>
          </form>
        </section>
        <p class="actions">
          <a href={`/programmes/${slug}/sessions/${session.id}?draft=1`}>Preview as a participant</a>
          <a href={`/programmes/${slug}/sessions/${session.id}/guide?draft=1`}>Preview the facilitator guide</a>
        </p>
      </>
    );
  }

  const sessionPage = (c: Context<AppEnv>, row: ProgrammeRow, session: Session, values: FormValues, revision: number, errors?: FieldErrors, preview?: Child) =>
    render(
      c,
      `Edit ${session.title}`,
      <>
        <FormPage
          heading={`Edit session: ${session.title}`}
          action={`/programmes/${row.slug}/draft/sessions/${session.id}`}
          slug={row.slug}
          revision={revision}
          errors={errors}
          preview={preview}
          previewButton
        >
          <SessionFields values={values} errors={errors} session={session} />
        </FormPage>
        <SessionExtras slug={row.slug} session={session} revision={revision} errors={errors} />
      </>,
      errors && Object.keys(errors).length ? (errors.form === CONFLICT ? 409 : 422) : 200,
    );

  app.get('/:slug/draft/sessions/:sessionId', async (c) => {
    const { row, draft } = await draftOf(c);
    const { session } = sessionOr404(draft, c.req.param('sessionId'));
    return sessionPage(c, row, session, sessionValues(session), row.draft_revision);
  });

  app.post('/:slug/draft/sessions/:sessionId', async (c) => {
    const { row, draft } = await draftOf(c);
    const sessionId = c.req.param('sessionId');
    const { session } = sessionOr404(draft, sessionId);
    const raw = await readForm(c);
    const values = strings(raw);
    const revision = Number(values.revision);
    const parsed = sessionForm.safeParse(values);
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    const rows = sessionRows(values, errors);
    if (values.intent === 'preview') {
      return sessionPage(
        c,
        row,
        session,
        values,
        revision,
        Object.keys(errors).length ? errors : undefined,
        <>
          <h3>Aim</h3>
          <p>{values.aim}</p>
          <Markdown source={values.overview ?? ''} />
          <h3>About this lesson</h3>
          <Markdown source={values.lesson ?? ''} />
          <Markdown source={values.assessment ?? ''} />
        </>,
      );
    }
    if (!parsed.success || Object.keys(errors).length) return sessionPage(c, row, session, values, revision, errors);
    return save(
      c,
      row,
      raw,
      (p) => {
        const s = sessionOr404(p, sessionId).session;
        Object.assign(s, parsed.data, { learningIntentions: rows.intentions, contentNotes: rows.notes });
        const kept = new Set(rows.intentions.map((i) => i.id));
        // Knowledge linked only to removed intentions keeps its text but loses the dead links.
        for (const k of s.miniKnowledge) {
          const live = k.intentions.filter((id) => kept.has(id));
          k.intentions = live.length ? live : rows.intentions.slice(0, 1).map((i) => i.id);
        }
        s.miniKnowledge = s.miniKnowledge.filter((k) => k.intentions.length > 0);
      },
      (errs, rev) => sessionPage(c, row, session, values, rev, errs),
      `/programmes/${row.slug}/draft/sessions/${sessionId}?saved=1`,
    );
  });

  app.post('/:slug/draft/sessions/:sessionId/move', async (c) => {
    const { row } = await draftOf(c);
    const values = await readForm(c);
    const sessionId = c.req.param('sessionId');
    await updateDraft(c.var.deps, currentActor(c), row.id, null, (p) => {
      const found = findSession(p, sessionId);
      if (found) move(found.module.sessions, found.module.sessions.indexOf(found.session), str(values, 'direction'));
    });
    return c.redirect(`/programmes/${row.slug}/draft`, 303);
  });

  // Removing a module or session asks first; published versions keep what is removed from the draft.
  for (const part of ['modules', 'sessions'] as const) {
    const find = (p: Programme, id: string) => (part === 'modules' ? p.modules.find((m) => m.id === id) : findSession(p, id)?.session);
    app.get(`/:slug/draft/${part}/:partId/remove`, async (c) => {
      const { row, draft } = await draftOf(c);
      const item = find(draft, c.req.param('partId'));
      if (!item) return c.notFound();
      const noun = part === 'modules' ? 'module' : 'session';
      return render(
        c,
        `Remove ${item.title}`,
        <>
          <h1>
            Remove the {noun} “{item.title}” from the draft?
          </h1>
          <p>
            {part === 'modules' ? 'Its sessions go with it. ' : ''}Published versions keep it, so cohorts using them are not affected. You can undo this by
            importing an earlier export.
          </p>
          <PostForm action={`/programmes/${row.slug}/draft/${part}/${item.id}/remove`}>
            <Revision value={row.draft_revision} />
            <button type="submit" class="button-warning">
              Remove {noun}
            </button>
          </PostForm>
          <Back slug={row.slug} />
        </>,
      );
    });
    app.post(`/:slug/draft/${part}/:partId/remove`, async (c) => {
      const { row } = await draftOf(c);
      const id = c.req.param('partId');
      await updateDraft(c.var.deps, currentActor(c), row.id, null, (p) => {
        if (part === 'modules') p.modules = p.modules.filter((m) => m.id !== id);
        else for (const m of p.modules) m.sessions = m.sessions.filter((x) => x.id !== id);
      });
      return c.redirect(`/programmes/${row.slug}/draft`, 303);
    });
  }

  // Mini Knowledge, activities and resources share one editor.
  for (const kind of [knowledgeKind, activityKind, resourceKind] as unknown as ItemKind<{ id: string }>[]) {
    const page = (
      c: Context<AppEnv>,
      row: ProgrammeRow,
      session: Session,
      itemId: string,
      values: Values,
      revision: number,
      errors?: FieldErrors,
      preview?: Child,
    ) =>
      render(
        c,
        `${itemId === 'new' ? 'Add' : 'Edit'} ${kind.noun}`,
        <>
          <p class="breadcrumb">
            <a href={`/programmes/${row.slug}/draft/sessions/${session.id}`}>{session.title}</a>
          </p>
          <FormPage
            heading={`${itemId === 'new' ? 'Add' : 'Edit'} ${kind.noun}`}
            action={`/programmes/${row.slug}/draft/sessions/${session.id}/${kind.path}/${itemId}`}
            slug={row.slug}
            revision={revision}
            errors={errors}
            preview={preview}
            previewButton={Boolean(kind.preview)}
          >
            {kind.Fields({ values, errors, session })}
          </FormPage>
          {itemId !== 'new' ? (
            <PostForm action={`/programmes/${row.slug}/draft/sessions/${session.id}/${kind.path}/${itemId}/remove`}>
              <Revision value={revision} />
              <button type="submit" class="button-warning">
                Remove this {kind.noun}
              </button>
            </PostForm>
          ) : null}
        </>,
        errors ? (errors.form === CONFLICT ? 409 : 422) : 200,
      );

    app.get(`/:slug/draft/sessions/:sessionId/${kind.path}/:itemId`, async (c) => {
      const { row, draft } = await draftOf(c);
      const { session } = sessionOr404(draft, c.req.param('sessionId'));
      const itemId = c.req.param('itemId');
      const item = kind.list(session).find((x) => x.id === itemId);
      if (itemId !== 'new' && !item) return c.notFound();
      return page(c, row, session, itemId, item ? kind.values(item) : {}, row.draft_revision);
    });

    app.post(`/:slug/draft/sessions/:sessionId/${kind.path}/:itemId`, async (c) => {
      const { row, draft } = await draftOf(c);
      const sessionId = c.req.param('sessionId');
      const { session } = sessionOr404(draft, sessionId);
      const itemId = c.req.param('itemId');
      if (itemId !== 'new' && !kind.list(session).some((x) => x.id === itemId)) return c.notFound();
      const values = await readForm(c);
      const revision = Number(str(values, 'revision'));
      const parsed = kind.parse(values, session);
      if (str(values, 'intent') === 'preview' && kind.preview)
        return page(c, row, session, itemId, values, revision, parsed.success ? undefined : fieldErrors(parsed.error), kind.preview(values));
      if (!parsed.success) return page(c, row, session, itemId, values, revision, fieldErrors(parsed.error));
      return save(
        c,
        row,
        values,
        (p) => {
          const list = kind.list(sessionOr404(p, sessionId).session);
          if (itemId === 'new') list.push({ id: newPartId(), ...parsed.data });
          else
            Object.assign(
              list.find((x) => x.id === itemId)!,
              parsed.data,
            );
        },
        (errors, rev) => page(c, row, session, itemId, values, rev, errors),
        `/programmes/${row.slug}/draft/sessions/${sessionId}`,
      );
    });

    app.post(`/:slug/draft/sessions/:sessionId/${kind.path}/:itemId/remove`, async (c) => {
      const { row } = await draftOf(c);
      const sessionId = c.req.param('sessionId');
      const itemId = c.req.param('itemId');
      await updateDraft(c.var.deps, currentActor(c), row.id, null, (p) => {
        const list = kind.list(sessionOr404(p, sessionId).session);
        const i = list.findIndex((x) => x.id === itemId);
        if (i >= 0) list.splice(i, 1);
      });
      return c.redirect(`/programmes/${row.slug}/draft/sessions/${sessionId}`, 303);
    });
  }

  // Exercise files
  app.post('/:slug/draft/sessions/:sessionId/files', async (c) => {
    const { row, draft } = await draftOf(c);
    const sessionId = c.req.param('sessionId');
    const { session } = sessionOr404(draft, sessionId);
    const body = await c.req.parseBody();
    const title = typeof body.title === 'string' ? body.title : '';
    const file = body.file;
    const errors: FieldErrors = {};
    const parsedTitle = fileForm.safeParse({ title });
    if (!parsedTitle.success) errors.fileTitle = parsedTitle.error.issues[0]!.message;
    if (!(file instanceof File) || file.size === 0) errors.file = 'Choose a file to upload';
    let stored: Awaited<ReturnType<typeof storeExerciseFile>> | null = null;
    if (!Object.keys(errors).length && file instanceof File) {
      stored = await storeExerciseFile(c.var.deps, currentActor(c), {
        programmeId: row.id,
        filename: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      if (!stored.ok) errors.file = stored.message;
    }
    if (Object.keys(errors).length || !stored?.ok) {
      return sessionPage(c, row, session, { ...sessionValues(session) }, row.draft_revision, errors);
    }
    const file_ = stored.file;
    await updateDraft(c.var.deps, currentActor(c), row.id, null, (p) =>
      sessionOr404(p, sessionId).session.files.push({ id: newPartId(), title: parsedTitle.data!.title, ...file_ }),
    );
    return c.redirect(`/programmes/${row.slug}/draft/sessions/${sessionId}`, 303);
  });

  app.post('/:slug/draft/sessions/:sessionId/files/:fileId/remove', async (c) => {
    const { row } = await draftOf(c);
    const sessionId = c.req.param('sessionId');
    const fileId = c.req.param('fileId');
    // The stored bytes stay: published versions may still offer the file.
    await updateDraft(c.var.deps, currentActor(c), row.id, null, (p) => {
      const s = sessionOr404(p, sessionId).session;
      s.files = s.files.filter((f) => f.id !== fileId);
    });
    return c.redirect(`/programmes/${row.slug}/draft/sessions/${sessionId}`, 303);
  });

  return app;
}
