import type { Child } from 'hono/jsx';
import { CheckboxGroup, ErrorSummary, Notice, PostForm, RadioGroup, TextArea, TextField, type FieldErrors } from '../../../views/form.tsx';
import { Markdown } from '../../../views/markdown.tsx';
import {
  moduleLabel,
  type Activity,
  type Assignment,
  type MiniKnowledge,
  type Module,
  type ParticipantAssignment,
  type Programme,
  type Resource,
  type Session,
} from '../model.ts';
import { AssignmentView } from '../views.tsx';
import type { ProgrammeRow } from '../queries.ts';
import type { PackProblem } from '../pack.ts';
import type { ItemKind, RawForm } from './forms.ts';

/** Shown when the draft changed since the form was opened; the person's text is on the page below it. */
export const CONFLICT =
  'Someone else saved changes to this programme while you were editing. Nothing you typed has been lost: it is below. Check the draft, then save again to keep your version.';

/** 409 for a save refused because someone else saved first, 422 for any other problem, else 200. */
export const statusFor = (errors: FieldErrors | undefined): 200 | 409 | 422 =>
  errors && Object.keys(errors).length ? (errors.form === CONFLICT ? 409 : 422) : 200;

const str = (v: RawForm, k: string): string => (typeof v[k] === 'string' ? (v[k] as string) : '');
const arr = (v: RawForm, k: string): string[] => (v[k] === undefined ? [] : ([] as string[]).concat(v[k] as string | string[]));

const MARKDOWN_HINT = 'You can use Markdown: **bold**, *italic*, lists starting with -, and ## headings.';
const PLACEHOLDER_HINT =
  'Where the source gives nothing, leave it empty or write a placeholder: a line starting with "> **Placeholder for the programme team:**".';

function Revision({ value }: { value: number }) {
  return <input type="hidden" name="revision" value={String(value)} />;
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

const NOTICES: Record<string, string> = { imported: 'The pack was imported into the draft. Preview it, then publish when ready.', published: 'Published.' };

/** The draft's outline: modules and sessions with their editing, moving and removing links, and publishing. */
export function DraftView({
  row,
  draft,
  notice,
  note,
}: {
  row: ProgrammeRow;
  draft: Programme;
  notice?: string | undefined;
  /** A publishing note that was refused, with its problem. */
  note?: { value: string; error: string };
}) {
  const base = `/programmes/${row.slug}/draft`;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/programmes/${row.slug}`}>{draft.title}</a>
      </p>
      <h1>Draft of {draft.title}</h1>
      <ErrorSummary errors={note ? { note: note.error } : undefined} />
      <Notice text={NOTICES[notice ?? '']} />
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
        <TextField
          name="note"
          label="What changed (optional)"
          hint="A line for the version history, for example: Rewrote the lesson for session 4"
          value={note?.value}
          error={note?.error}
        />
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
  previewButton?: boolean;
}

function FormPage({ heading, action, slug, revision, errors, preview, children, previewButton }: FormPageProps) {
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
          Save to draft
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

export const programmeValues = (p: Programme): RawForm => ({
  title: p.title,
  summary: p.summary,
  description: p.description,
  facilitatorNotes: p.facilitatorNotes,
});

export function ProgrammeDetailsView({
  row,
  values,
  revision,
  errors,
}: {
  row: ProgrammeRow;
  values: RawForm;
  revision: number;
  errors?: FieldErrors | undefined;
}) {
  return (
    <FormPage heading="Edit programme details" action={`/programmes/${row.slug}/draft/programme`} slug={row.slug} revision={revision} errors={errors}>
      <TextField name="title" label="Title" value={str(values, 'title')} error={errors?.title} />
      <TextField name="summary" label="One-line summary (optional)" value={str(values, 'summary')} error={errors?.summary} />
      <TextArea
        name="description"
        label="Description for participants (optional)"
        hint={`Participants see this. ${MARKDOWN_HINT} ${PLACEHOLDER_HINT}`}
        rows={6}
        value={str(values, 'description')}
        error={errors?.description}
      />
      <TextArea
        name="facilitatorNotes"
        label="Notes for facilitators (optional)"
        hint={`Facilitators only: participants never see this. ${MARKDOWN_HINT}`}
        rows={6}
        value={str(values, 'facilitatorNotes')}
        error={errors?.facilitatorNotes}
      />
    </FormPage>
  );
}

export const moduleValues = (m: Module): RawForm => ({
  title: m.title,
  purpose: m.purpose,
  description: m.description,
  facilitatorNotes: m.facilitatorNotes,
  standsAlone: m.standsAlone === true ? 'yes' : m.standsAlone === false ? 'no' : '',
  preProgramme: m.preProgramme ? 'yes' : '',
  tags: m.tags.join(', '),
  stocktake: m.stocktake.map((q) => q.text).join('\n'),
});

export function ModuleFormView({
  row,
  module,
  values,
  revision,
  errors,
}: {
  row: ProgrammeRow;
  module: Module;
  values: RawForm;
  revision: number;
  errors?: FieldErrors | undefined;
}) {
  return (
    <FormPage
      heading={`Edit module: ${module.title}`}
      action={`/programmes/${row.slug}/draft/modules/${module.id}`}
      slug={row.slug}
      revision={revision}
      errors={errors}
    >
      <TextField name="title" label="Title" value={str(values, 'title')} error={errors?.title} />
      <TextField name="purpose" label="Purpose (one line, optional)" value={str(values, 'purpose')} error={errors?.purpose} />
      <TextArea
        name="description"
        label="Description for participants (optional)"
        hint={`Participants see this: write it to them, and keep delivery notes for facilitators below. ${MARKDOWN_HINT}`}
        rows={6}
        value={str(values, 'description')}
        error={errors?.description}
      />
      <TextArea
        name="facilitatorNotes"
        label="Introduction for facilitators (optional)"
        hint={`Facilitators only: participants never see this. For text addressed to facilitators, such as when to deliver the module. ${MARKDOWN_HINT}`}
        rows={6}
        value={str(values, 'facilitatorNotes')}
        error={errors?.facilitatorNotes}
      />
      <RadioGroup
        name="standsAlone"
        legend="Can the module be delivered on its own?"
        hint="Say nothing unless the source says so."
        value={str(values, 'standsAlone')}
        error={errors?.standsAlone}
        options={[
          { value: 'yes', label: 'Yes, on its own or in sequence' },
          { value: 'no', label: 'No, only in sequence' },
          { value: '', label: 'Not stated' },
        ]}
      />
      <CheckboxGroup
        name="preProgramme"
        legend="Place in the programme"
        values={arr(values, 'preProgramme')}
        error={errors?.preProgramme}
        options={[{ value: 'yes', label: 'Pre-programme (readiness, before the programme)' }]}
      />
      <TextField name="tags" label="Topics (optional)" hint="Separated by commas" value={str(values, 'tags')} error={errors?.tags} />
      <TextArea
        name="stocktake"
        label="Personal stocktake questions (pre-programme modules)"
        hint="One question per line. Participants answer them privately and may share their answers with their facilitators."
        rows={6}
        value={str(values, 'stocktake')}
        error={errors?.stocktake}
      />
    </FormPage>
  );
}

export function sessionValues(s: Session): RawForm {
  const v: RawForm = {
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

function SessionFields({ values, errors, rows }: { values: RawForm; errors?: FieldErrors | undefined; rows: { intentions: number; notes: number } }) {
  return (
    <>
      <TextField name="title" label="Session title" value={str(values, 'title')} error={errors?.title} />
      <TextArea
        name="aim"
        label="Aim"
        hint="What the session is for, in a sentence or two. Participants see this."
        value={str(values, 'aim')}
        error={errors?.aim}
      />
      <TextField name="durationMinutes" label="Length in minutes (optional)" value={str(values, 'durationMinutes')} error={errors?.durationMinutes} />
      <fieldset class="field" id="field-noteCount">
        <legend>Content notes</legend>
        <p class="hint">
          Shown to participants before the content and in the schedule, for sessions on topics such as trauma or suicidality. Leave empty if none.
        </p>
        {errors?.noteCount ? <p class="error-message">{errors.noteCount}</p> : null}
        <input type="hidden" name="noteCount" value={String(rows.notes)} />
        {Array.from({ length: rows.notes }, (_, i) => (
          <div class="row-group">
            <TextField
              name={`noteTopic_${i}`}
              label={`Content note ${i + 1}: topic`}
              hint="One or two words, like trauma"
              value={str(values, `noteTopic_${i}`)}
              error={errors?.[`noteTopic_${i}`]}
            />
            <TextField
              name={`noteText_${i}`}
              label={`Content note ${i + 1}: what to expect`}
              value={str(values, `noteText_${i}`)}
              error={errors?.[`noteText_${i}`]}
            />
          </div>
        ))}
      </fieldset>
      <fieldset class="field" id="field-intentionCount">
        <legend>Learning intentions</legend>
        <p class="hint">
          One per box, in order. Clear a box to remove it. Mini Knowledge links to these. Facilitators see them; leave them empty where the source lists none.
        </p>
        {errors?.intentionCount ? <p class="error-message">{errors.intentionCount}</p> : null}
        <input type="hidden" name="intentionCount" value={String(rows.intentions)} />
        {Array.from({ length: rows.intentions }, (_, i) => (
          <>
            <input type="hidden" name={`intentionId_${i}`} value={str(values, `intentionId_${i}`)} />
            <TextField
              name={`intentionText_${i}`}
              label={`Learning intention ${i + 1}`}
              value={str(values, `intentionText_${i}`)}
              error={errors?.[`intentionText_${i}`]}
            />
          </>
        ))}
      </fieldset>
      <TextArea name="overview" label="Overview (optional)" hint={MARKDOWN_HINT} rows={4} value={str(values, 'overview')} error={errors?.overview} />
      <TextArea
        name="lesson"
        label="Lesson (About this lesson)"
        hint={`What participants read. ${MARKDOWN_HINT}`}
        rows={12}
        value={str(values, 'lesson')}
        error={errors?.lesson}
      />
      <TextArea
        name="assessment"
        label="Assessment set in this session (optional)"
        hint={`Only an assessment task participants are set. ${MARKDOWN_HINT} ${PLACEHOLDER_HINT}`}
        rows={4}
        value={str(values, 'assessment')}
        error={errors?.assessment}
      />
      <TextField
        name="tags"
        label="Topics (optional)"
        hint="Separated by commas. CHIME: connectedness, hope, identity, meaning, empowerment; or your own."
        value={str(values, 'tags')}
        error={errors?.tags}
      />
    </>
  );
}

const ITEMS: Record<ItemKind, { noun: string; heading: string; list: (s: Session) => { id: string; title: string }[]; preview: boolean }> = {
  knowledge: { noun: 'Mini Knowledge', heading: 'Mini Knowledge (facilitators only)', list: (s) => s.miniKnowledge, preview: true },
  activities: { noun: 'activity', heading: 'Activities', list: (s) => s.activities, preview: true },
  resources: { noun: 'useful resource', heading: 'Useful resources', list: (s) => s.resources, preview: false },
};

/** Finds a piece of Mini Knowledge, an activity or a resource of a session. */
export const itemOf = (s: Session, kind: ItemKind, id: string) => ITEMS[kind].list(s).find((x) => x.id === id);

function SessionExtras({
  slug,
  session,
  revision,
  errors,
  fileTitle,
}: {
  slug: string;
  session: Session;
  revision: number;
  errors?: FieldErrors | undefined;
  fileTitle: string;
}) {
  const base = `/programmes/${slug}/draft/sessions/${session.id}`;
  return (
    <>
      {(['knowledge', 'activities', 'resources'] as const).map((kind) => {
        const items = ITEMS[kind].list(session);
        return (
          <section aria-labelledby={`h-${kind}`}>
            <h2 id={`h-${kind}`}>{ITEMS[kind].heading}</h2>
            {items.length === 0 ? <p>None yet.</p> : null}
            <ul>
              {items.map((item) => (
                <li>
                  <a href={`${base}/${kind}/${item.id}`}>
                    {item.title}
                    <span class="visually-hidden"> (edit)</span>
                  </a>
                </li>
              ))}
            </ul>
            <p>
              <a href={`${base}/${kind}/new`}>Add {ITEMS[kind].noun}</a>
            </p>
          </section>
        );
      })}
      <section aria-labelledby="h-assignments">
        <h2 id="h-assignments">Assignments</h2>
        {session.assignments.length === 0 ? <p>No assignment is set in this session.</p> : null}
        <ul>
          {session.assignments.map((a) => (
            <li>
              <a href={`${base}/assignments/${a.id}`}>
                {a.title}
                <span class="visually-hidden"> (edit)</span>
              </a>
            </li>
          ))}
        </ul>
        <p>
          <a href={`${base}/assignments/new`}>Add an assignment</a>
        </p>
      </section>
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
          <TextField name="title" id="field-fileTitle" label="File title" value={fileTitle} error={errors?.fileTitle} />
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

/** The session editor; with `preview`, what was typed is shown rendered above the form, unsaved. */
export function SessionEditView({
  row,
  session,
  values,
  revision,
  rows,
  errors,
  preview,
}: {
  row: ProgrammeRow;
  session: Session;
  values: RawForm;
  revision: number;
  rows: { intentions: number; notes: number };
  errors?: FieldErrors | undefined;
  preview?: boolean;
}) {
  return (
    <>
      <FormPage
        heading={`Edit session: ${session.title}`}
        action={`/programmes/${row.slug}/draft/sessions/${session.id}`}
        slug={row.slug}
        revision={revision}
        errors={errors}
        previewButton
        preview={
          preview ? (
            <>
              <h3>Aim</h3>
              <p>{str(values, 'aim')}</p>
              <Markdown source={str(values, 'overview')} />
              <h3>About this lesson</h3>
              <Markdown source={str(values, 'lesson')} />
              <Markdown source={str(values, 'assessment')} />
            </>
          ) : undefined
        }
      >
        <SessionFields values={values} errors={errors} rows={rows} />
      </FormPage>
      <SessionExtras slug={row.slug} session={session} revision={revision} errors={errors} fileTitle={str(values, 'fileTitle')} />
    </>
  );
}

/** The form values of an existing item. */
export function itemValues(kind: ItemKind, item: { id: string }): RawForm {
  if (kind === 'knowledge') {
    const k = item as MiniKnowledge;
    return { title: k.title, body: k.body, intentions: k.intentions, tags: k.tags.join(', ') };
  }
  if (kind === 'activities') {
    const a = item as Activity;
    return { title: a.title, minutes: a.minutes ? String(a.minutes) : '', participant: a.participant, facilitator: a.facilitator };
  }
  const r = item as Resource;
  return { title: r.title, url: r.url, description: r.description };
}

function ItemFields({ kind, values, errors, session }: { kind: ItemKind; values: RawForm; errors?: FieldErrors | undefined; session: Session }) {
  if (kind === 'knowledge')
    return (
      <>
        <TextField name="title" label="Title" value={str(values, 'title')} error={errors?.title} />
        {session.learningIntentions.length === 0 ? <p>Add learning intentions to the session first.</p> : null}
        <CheckboxGroup
          name="intentions"
          idPrefix="li"
          legend="Learning intentions it supports"
          values={arr(values, 'intentions')}
          error={errors?.intentions}
          options={session.learningIntentions.map((li) => ({ value: li.id, label: li.text }))}
        />
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
    );
  if (kind === 'activities')
    return (
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
    );
  return (
    <>
      <TextField name="title" label="Name of the resource" value={str(values, 'title')} error={errors?.title} />
      <TextField name="url" type="url" label="Web address" value={str(values, 'url')} error={errors?.url} />
      <TextField name="description" label="Why it is useful (optional)" value={str(values, 'description')} error={errors?.description} />
    </>
  );
}

function ItemPreview({ kind, values }: { kind: ItemKind; values: RawForm }) {
  if (kind === 'knowledge') return <Markdown source={str(values, 'body')} />;
  return (
    <>
      <Markdown source={str(values, 'participant')} />
      <Markdown source={str(values, 'facilitator')} class="prose facilitator-only" />
    </>
  );
}

/** Adding (`itemId` "new") or editing a piece of Mini Knowledge, an activity or a useful resource. */
export function ItemFormView({
  row,
  session,
  kind,
  itemId,
  values,
  revision,
  errors,
  preview,
}: {
  row: ProgrammeRow;
  session: Session;
  kind: ItemKind;
  itemId: string;
  values: RawForm;
  revision: number;
  errors?: FieldErrors | undefined;
  preview?: boolean;
}) {
  const base = `/programmes/${row.slug}/draft/sessions/${session.id}`;
  const { noun } = ITEMS[kind];
  return (
    <>
      <p class="breadcrumb">
        <a href={base}>{session.title}</a>
      </p>
      <FormPage
        heading={`${itemId === 'new' ? 'Add' : 'Edit'} ${noun}`}
        action={`${base}/${kind}/${itemId}`}
        slug={row.slug}
        revision={revision}
        errors={errors}
        preview={preview && ITEMS[kind].preview ? <ItemPreview kind={kind} values={values} /> : undefined}
        previewButton={ITEMS[kind].preview}
      >
        <ItemFields kind={kind} values={values} errors={errors} session={session} />
      </FormPage>
      {itemId !== 'new' ? (
        <PostForm action={`${base}/${kind}/${itemId}/remove`}>
          <Revision value={revision} />
          <button type="submit" class="button-warning">
            Remove this {noun}
          </button>
        </PostForm>
      ) : null}
    </>
  );
}

const num = (n: number | null) => (n === null ? '' : String(n));

/** The form values of an existing assignment. */
export function assignmentValues(a: Assignment): RawForm {
  const v: RawForm = {
    title: a.title,
    brief: a.brief,
    guidance: a.guidance,
    wordMinimum: num(a.wordLimits.minimum),
    wordMaximum: num(a.wordLimits.maximum),
    wordTolerance: num(a.wordLimits.tolerancePercent),
    formativeDrafts: num(a.formativeDrafts),
    resubmissions: num(a.resubmissions),
    retentionMonths: num(a.retentionMonths),
  };
  a.criteria.forEach((c, i) => {
    v[`criterionId_${i}`] = c.id;
    v[`criterionText_${i}`] = c.text;
  });
  return v;
}

/** What was typed, shown as participants would see it (unsaved); numbers that do not parse show as not set. */
function AssignmentPreview({ values }: { values: RawForm }) {
  const n = (k: string) => (/^\d{1,7}$/.test(str(values, k).trim()) ? Number(str(values, k)) : null);
  const criteria = Object.keys(values)
    .map((k) => k.match(/^criterionText_(\d{1,3})$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]))
    .map((m, i) => ({ id: `preview-${i}`, text: str(values, m[0]).trim() }))
    .filter((c) => c.text);
  const assignment: ParticipantAssignment = {
    id: 'preview',
    title: str(values, 'title') || 'Untitled assignment',
    brief: str(values, 'brief'),
    guidance: str(values, 'guidance'),
    criteria,
    wordLimits: { minimum: n('wordMinimum'), maximum: n('wordMaximum'), tolerancePercent: n('wordTolerance') },
    formativeDrafts: n('formativeDrafts'),
    resubmissions: n('resubmissions'),
    retentionMonths: n('retentionMonths'),
  };
  return <AssignmentView assignment={assignment} notSet />;
}

/** Adding (`assignmentId` "new") or editing an assignment set in a session. */
export function AssignmentFormView({
  row,
  session,
  assignmentId,
  values,
  revision,
  criterionRows,
  errors,
  preview,
}: {
  row: ProgrammeRow;
  session: Session;
  assignmentId: string;
  values: RawForm;
  revision: number;
  criterionRows: number;
  errors?: FieldErrors | undefined;
  preview?: boolean;
}) {
  const base = `/programmes/${row.slug}/draft/sessions/${session.id}`;
  const number = (name: string, label: string, hint: string) => (
    <TextField name={name} label={label} hint={hint} value={str(values, name)} error={errors?.[name]} />
  );
  return (
    <>
      <p class="breadcrumb">
        <a href={base}>{session.title}</a>
      </p>
      <FormPage
        heading={`${assignmentId === 'new' ? 'Add an assignment' : 'Edit assignment'} set in ${session.title}`}
        action={`${base}/assignments/${assignmentId}`}
        slug={row.slug}
        revision={revision}
        errors={errors}
        preview={preview ? <AssignmentPreview values={values} /> : undefined}
        previewButton
      >
        <TextField name="title" label="Title" value={str(values, 'title')} error={errors?.title} />
        <TextArea
          name="brief"
          label="Brief"
          hint={`What participants are asked to do. ${MARKDOWN_HINT} ${PLACEHOLDER_HINT}`}
          rows={8}
          value={str(values, 'brief')}
          error={errors?.brief}
        />
        <TextArea
          name="guidance"
          label="Guidance (optional)"
          hint={`Help with approaching the work. Participants see this. ${MARKDOWN_HINT}`}
          rows={6}
          value={str(values, 'guidance')}
          error={errors?.guidance}
        />
        <fieldset class="field" id="field-criterionCount">
          <legend>Criteria</legend>
          <p class="hint">
            One outcome the work must show per box, in order. Clear a box to remove it. Participants see these; assessors mark each one. Leave them empty where
            the programme has not written them: everyone then sees a placeholder.
          </p>
          {errors?.criterionCount ? <p class="error-message">{errors.criterionCount}</p> : null}
          <input type="hidden" name="criterionCount" value={String(criterionRows)} />
          {Array.from({ length: criterionRows }, (_, i) => (
            <>
              <input type="hidden" name={`criterionId_${i}`} value={str(values, `criterionId_${i}`)} />
              <TextField
                name={`criterionText_${i}`}
                label={`Criterion ${i + 1}`}
                value={str(values, `criterionText_${i}`)}
                error={errors?.[`criterionText_${i}`]}
              />
            </>
          ))}
        </fieldset>
        <fieldset class="field">
          <legend>Word limits</legend>
          <p class="hint">Leave a box empty where the programme sets no limit.</p>
          {number('wordMinimum', 'Minimum number of words', 'For example 1500')}
          {number('wordMaximum', 'Maximum number of words', 'For example 2000')}
          {number('wordTolerance', 'Tolerance in per cent', 'How far beyond either limit the programme allows, for example 10')}
        </fieldset>
        {number(
          'formativeDrafts',
          'Drafts for formative feedback',
          'How many drafts a participant may send for feedback; 0 if drafts are not allowed. Leave empty if not decided.',
        )}
        {number('resubmissions', 'Resubmissions', 'How many times the work may be resubmitted after a decision to resubmit. Leave empty if not decided.')}
        {number('retentionMonths', 'Months the work is kept for verification', 'Leave empty if not decided.')}
      </FormPage>
      {assignmentId !== 'new' ? (
        <PostForm action={`${base}/assignments/${assignmentId}/remove`}>
          <Revision value={revision} />
          <button type="submit" class="button-warning">
            Remove this assignment
          </button>
        </PostForm>
      ) : null}
    </>
  );
}

/** Asks before a module or session leaves the draft. */
export function RemoveView({ row, part, item }: { row: ProgrammeRow; part: 'modules' | 'sessions'; item: { id: string; title: string } }) {
  const noun = part === 'modules' ? 'module' : 'session';
  return (
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
    </>
  );
}

export function ImportView({ problems }: { problems?: PackProblem[] }) {
  return (
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
}
