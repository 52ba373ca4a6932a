import type { Child } from 'hono/jsx';
import { Markdown } from '../../views/markdown.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import {
  alsoIn,
  CHIME,
  moduleLabel,
  participantSession,
  type Module,
  type ParticipantModule,
  type ParticipantProgramme,
  type ParticipantAssignment,
  type ParticipantSession,
  type Programme,
  type Session,
} from './model.ts';
import { ColumnHeads } from '../../views/table.tsx';

/** Shown to the programme team where the source documents gave nothing. */

/** An activity's heading, with how long it takes when the author said. */
function ActivityTitle({ title, minutes }: { title: string; minutes?: number | null | undefined }) {
  return (
    <h3>
      {title}
      {minutes ? <span class="hint"> ({minutes} minutes)</span> : null}
    </h3>
  );
}

export function ToBeWritten({ show }: { show: boolean }) {
  return show ? <p class="to-be-written">To be written by the programme team.</p> : null;
}

export interface ViewContext {
  slug: string;
  /** The person writes curriculum: show gaps and editing links. */
  author: boolean;
  /** The person may see facilitator-only material. */
  facilitator: boolean;
  /** Reading the draft rather than the published version. */
  draft: boolean;
  versionNumber: number | null;
}

const q = (ctx: ViewContext) => (ctx.draft ? '?draft=1' : '');
export const sessionHref = (ctx: ViewContext, s: { id: string }, view: '' | '/guide' | '/present' = '') =>
  `/programmes/${ctx.slug}/sessions/${s.id}${view}${q(ctx)}`;

const minutes = (n: number | null) => (n ? `${n} minutes` : null);

export function VersionLine({ ctx }: { ctx: ViewContext }) {
  if (ctx.draft) return <p class="tag tag-draft">Draft — not yet published</p>;
  return ctx.versionNumber ? <p class="hint">Version {ctx.versionNumber}</p> : null;
}

export function ProgrammeListView({
  programmes,
  author,
}: {
  programmes: { slug: string; title: string; summary: string; latest_version: number }[];
  author: boolean;
}) {
  return (
    <>
      <h1>Curriculum</h1>
      {author ? (
        <p>
          <a class="button button-secondary" href="/programmes/import">
            Import a content pack
          </a>
        </p>
      ) : null}
      {programmes.length === 0 ? <p>No programmes yet.</p> : null}
      <ul class="card-list">
        {programmes.map((p) => (
          <li>
            <a href={`/programmes/${p.slug}`}>{p.title}</a>
            {p.summary ? <p>{p.summary}</p> : null}
            {p.latest_version === 0 ? <p class="hint">Not yet published</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The facilitator-only text of a programme and of each of its modules (by module id). */
export interface FacilitatorNotes {
  programme: string;
  modules: Record<string, string>;
}

/** Picks the facilitator-only text out of a programme, for people who may see it. */
export const facilitatorNotesOf = (p: Programme): FacilitatorNotes => ({
  programme: p.facilitatorNotes,
  modules: Object.fromEntries(p.modules.filter((m) => m.facilitatorNotes.trim()).map((m) => [m.id, m.facilitatorNotes])),
});

/** How a module may be delivered, only where the source says so. */
function Delivery({ module }: { module: { preProgramme: boolean; standsAlone: boolean | null } }) {
  const parts = [
    module.preProgramme ? 'Preparation before the programme.' : '',
    module.standsAlone === true ? 'Can be delivered on its own or in sequence.' : module.standsAlone === false ? 'Delivered in sequence.' : '',
  ].filter(Boolean);
  return parts.length ? <p class="hint">{parts.join(' ')}</p> : null;
}

/**
 * A programme's page, for everyone. It is built from the participant projection; the programme's
 * facilitator notes come separately, and only for people who may see them.
 */
export function ProgrammeView({
  programme,
  facilitatorNotes,
  ctx,
}: {
  programme: ParticipantProgramme;
  facilitatorNotes: FacilitatorNotes | null;
  ctx: ViewContext;
}) {
  return (
    <>
      <h1>{programme.title}</h1>
      <VersionLine ctx={ctx} />
      {programme.summary ? <p class="lead">{programme.summary}</p> : null}
      {programme.description.trim() ? (
        // Headings in the description start at h3, so they need an h2 above them.
        <section aria-labelledby="prog-about">
          <h2 id="prog-about">About this programme</h2>
          <Markdown source={programme.description} />
        </section>
      ) : null}
      {facilitatorNotes?.programme ? (
        <section class="facilitator-only" aria-labelledby="prog-notes">
          <h2 id="prog-notes">For facilitators</h2>
          <Markdown source={facilitatorNotes.programme} />
        </section>
      ) : null}
      <p class="actions">
        {ctx.facilitator ? <a href={`/programmes/${ctx.slug}/overlap`}>Overlap map</a> : null}
        {ctx.author ? <a href={`/programmes/${ctx.slug}/draft`}>Edit the draft</a> : null}
        {ctx.author ? <a href={`/programmes/${ctx.slug}/history`}>Version history</a> : null}
      </p>
      {programme.modules.map((m) => (
        <section class="module" aria-labelledby={`m-${m.id}`}>
          <h2 id={`m-${m.id}`}>{moduleLabel(programme, m)}</h2>
          {m.purpose ? <p class="purpose">{m.purpose}</p> : null}
          <Markdown source={m.description} />
          <Delivery module={m} />
          {facilitatorNotes?.modules[m.id] ? (
            <div class="facilitator-only">
              <h3>For facilitators</h3>
              <Markdown source={facilitatorNotes.modules[m.id]!} />
            </div>
          ) : null}
          {m.sessions.length === 0 ? (
            <p>{ctx.author ? 'No sessions yet. To be written by the programme team.' : 'No sessions yet.'}</p>
          ) : (
            <ol class="session-list">
              {m.sessions.map((s) => (
                <li>
                  <a href={sessionHref(ctx, s)}>{s.title}</a>
                  {s.contentNotes.length ? <span class="tag tag-warning">Content note</span> : null}
                  {ctx.facilitator ? (
                    <>
                      {' · '}
                      <a href={sessionHref(ctx, s, '/guide')}>
                        Facilitator guide<span class="visually-hidden"> for {s.title}</span>
                      </a>
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          <p class="actions">
            <a href={`/programmes/${ctx.slug}/modules/${m.id}/workbook${q(ctx)}`}>
              Participant workbook<span class="visually-hidden"> for {m.title}</span>
            </a>
            {ctx.facilitator ? (
              <a href={`/programmes/${ctx.slug}/modules/${m.id}/facilitator-pack${q(ctx)}`}>
                Facilitator pack<span class="visually-hidden"> for {m.title}</span>
              </a>
            ) : null}
          </p>
        </section>
      ))}
    </>
  );
}

export function ContentNotes({ notes }: { notes: { topic: string; text: string }[] }) {
  if (notes.length === 0) return null;
  return (
    <div class="content-note" role="note" aria-labelledby="content-note-title">
      <h2 id="content-note-title">Content note</h2>
      {notes.map((n) => (
        <p>{n.text}</p>
      ))}
      <p>
        You can step out at any time without giving a reason. <a href="/help">Get help now</a> if you need it.
      </p>
    </div>
  );
}

function FileList({ files, slug }: { files: ParticipantSession['files']; slug: string }) {
  return (
    <section aria-labelledby="files-title">
      <h2 id="files-title">Exercise files</h2>
      {files.length === 0 ? (
        <p>No exercise files for this session.</p>
      ) : (
        <ul>
          {files.map((f) => (
            <li>
              <a href={`/programmes/${slug}/files/${f.storageKey}`} download={f.filename}>
                {f.title}
              </a>{' '}
              <span class="hint">
                ({f.filename}, {Math.max(1, Math.round(f.size / 1024))} KB)
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Resources({ resources }: { resources: ParticipantSession['resources'] }) {
  if (resources.length === 0) return null;
  return (
    <section aria-labelledby="resources-title">
      <h2 id="resources-title">Useful resources</h2>
      <ul>
        {resources.map((r) => (
          <li>
            <a href={r.url} rel="noopener noreferrer">
              {r.title}
            </a>
            {r.description ? ` — ${r.description}` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** An assignment's word limits in words, or null when the programme sets none. */
export function wordLimitsText(w: ParticipantAssignment['wordLimits']): string | null {
  const range =
    w.minimum !== null && w.maximum !== null
      ? `Between ${w.minimum.toLocaleString('en-GB')} and ${plural(w.maximum, 'word', 'words')}`
      : w.minimum !== null
        ? `At least ${plural(w.minimum, 'word', 'words')}`
        : w.maximum !== null
          ? `At most ${plural(w.maximum, 'word', 'words')}`
          : null;
  if (!range) return null;
  return w.tolerancePercent ? `${range}, with ${w.tolerancePercent}% either way allowed` : range;
}

/**
 * An assignment set in a session: its brief, guidance, criteria, word limits and the programme's
 * rules on drafts, resubmissions and keeping the work. Where the programme team has not written the
 * criteria, the placeholder label says so to everyone, as in the default content.
 */
export function AssignmentView({ assignment: a, notSet }: { assignment: ParticipantAssignment; notSet: boolean }) {
  const words = wordLimitsText(a.wordLimits);
  const rules: [string, string | null][] = [
    ['Word limits', words],
    [
      'Drafts for feedback',
      a.formativeDrafts === null
        ? null
        : a.formativeDrafts === 0
          ? 'Not offered: only the final submission is marked'
          : `You can send up to ${plural(a.formativeDrafts, 'draft', 'drafts')} for feedback before your final submission`,
    ],
    ['Resubmissions', a.resubmissions === null ? null : a.resubmissions === 0 ? 'None' : `Up to ${plural(a.resubmissions, 'resubmission', 'resubmissions')}`],
    ['Kept for verification', a.retentionMonths === null ? null : plural(a.retentionMonths, 'month', 'months')],
  ];
  const shown = rules.filter(([, v]) => v !== null || notSet);
  return (
    <div class="assignment" id={`assignment-${a.id}`}>
      <h3>{a.title}</h3>
      {a.brief ? <Markdown source={a.brief} /> : <ToBeWritten show={notSet} />}
      {a.guidance ? (
        <>
          <h4>Guidance</h4>
          <Markdown source={a.guidance} />
        </>
      ) : null}
      <h4>What your work must show</h4>
      {a.criteria.length ? (
        <ol class="criteria">
          {a.criteria.map((c) => (
            <li>{c.text}</li>
          ))}
        </ol>
      ) : (
        <blockquote>
          <p>
            <strong>Placeholder for the programme team:</strong> the criteria of this assignment are still to be written.
          </p>
        </blockquote>
      )}
      {shown.length ? (
        <dl class="assignment-rules">
          {shown.map(([label, value]) => (
            <>
              <dt>{label}</dt>
              <dd>{value ?? 'Not set by the programme team'}</dd>
            </>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

/** A session's Assessment section: the assessment text and the assignments set in it. */
function AssessmentSection({ session, id, notSet }: { session: ParticipantSession; id: string; notSet: boolean }) {
  if (!session.assessment && session.assignments.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>Assessment</h2>
      <Markdown source={session.assessment} />
      {session.assignments.map((a) => (
        <AssignmentView assignment={a} notSet={notSet} />
      ))}
    </section>
  );
}

/** What a participant sees: built only from the participant projection of the session. */
export function ParticipantSessionView({
  session,
  module,
  programme,
  ctx,
  heading = 'h1',
}: {
  session: ParticipantSession;
  module: ParticipantModule;
  programme: ParticipantProgramme;
  ctx: ViewContext;
  heading?: 'h1' | 'h2';
}) {
  const H = heading;
  return (
    <article class="session">
      <p class="breadcrumb">
        <a href={`/programmes/${ctx.slug}${q(ctx)}`}>{programme.title}</a> · {moduleLabel(programme, module)}
      </p>
      <H>{session.title}</H>
      <VersionLine ctx={ctx} />
      <ContentNotes notes={session.contentNotes} />
      {session.aim ? (
        <section aria-labelledby={`aim-${session.id}`}>
          <h2 id={`aim-${session.id}`}>Aim</h2>
          <p>{session.aim}</p>
        </section>
      ) : (
        <ToBeWritten show={ctx.author} />
      )}
      {minutes(session.durationMinutes) ? <p class="hint">About {minutes(session.durationMinutes)}</p> : null}
      <Markdown source={session.overview} />
      <section aria-labelledby={`lesson-${session.id}`}>
        <h2 id={`lesson-${session.id}`}>About this lesson</h2>
        {session.lesson ? <Markdown source={session.lesson} /> : ctx.author ? <ToBeWritten show /> : <p>There is no lesson text for this session.</p>}
      </section>
      {session.activities.length ? (
        <section aria-labelledby={`act-${session.id}`}>
          <h2 id={`act-${session.id}`}>Activities</h2>
          {session.activities.map((a) => (
            <div class="activity">
              <ActivityTitle title={a.title} minutes={a.minutes} />
              <Markdown source={a.participant} />
            </div>
          ))}
        </section>
      ) : null}
      <AssessmentSection session={session} id={`assess-${session.id}`} notSet={ctx.author} />
      <FileList files={session.files} slug={ctx.slug} />
      <Resources resources={session.resources} />
    </article>
  );
}

/**
 * The facilitator's guide. With `presenting`, every facilitator-only part is left out of the page
 * entirely (not hidden with CSS), so it is safe to share a screen with the group.
 */
export function FacilitatorGuideView({
  session,
  module,
  programme,
  ctx,
  presenting,
}: {
  session: Session;
  module: Module;
  programme: Programme;
  ctx: ViewContext;
  presenting: boolean;
}) {
  const ps = participantSession(session);
  return (
    <article class={presenting ? 'session presenting' : 'session'}>
      <p class="breadcrumb">
        <a href={`/programmes/${ctx.slug}${q(ctx)}`}>{programme.title}</a> · {moduleLabel(programme, module)}
      </p>
      <h1>
        {session.title}
        {presenting ? null : <span class="hint"> — facilitator guide</span>}
      </h1>
      <VersionLine ctx={ctx} />
      <p class="actions">
        {presenting ? (
          <a href={sessionHref(ctx, session, '/guide')}>Back to the facilitator guide</a>
        ) : (
          <>
            <a href={sessionHref(ctx, session, '/present')}>Present to the group (hides facilitator-only parts)</a>
            <a href={sessionHref(ctx, session)}>Participant view</a>
            {ctx.author && !ctx.draft ? <a href={`/programmes/${ctx.slug}/sessions/${session.id}/history`}>History</a> : null}
          </>
        )}
      </p>
      <ContentNotes notes={session.contentNotes} />
      {session.aim ? (
        <section aria-labelledby="aim">
          <h2 id="aim">Aim</h2>
          <p>{session.aim}</p>
        </section>
      ) : (
        <ToBeWritten show={ctx.author && !presenting} />
      )}
      {minutes(session.durationMinutes) ? <p class="hint">About {minutes(session.durationMinutes)}</p> : null}
      <section aria-labelledby="intentions">
        <h2 id="intentions">Learning intentions</h2>
        {session.learningIntentions.length === 0 && !presenting ? (
          <p class="to-be-written">Placeholder for the programme team: the source lists no learning intentions for this session.</p>
        ) : null}
        <ol class="intentions">
          {session.learningIntentions.map((li) => {
            const pieces = session.miniKnowledge.filter((k) => k.intentions.includes(li.id));
            return (
              <li>
                <p class="intention">{li.text}</p>
                {presenting
                  ? null
                  : pieces.map((k) => {
                      const others = alsoIn(programme, module.id, k);
                      return (
                        <div class="facilitator-only mini-knowledge">
                          <h3>
                            <span class="label">Mini Knowledge</span> {k.title}
                          </h3>
                          <Markdown source={k.body} />
                          {others.length ? <p class="also-in">Also in {others.map((o) => moduleLabel(programme, o)).join('; ')}</p> : null}
                        </div>
                      );
                    })}
              </li>
            );
          })}
        </ol>
      </section>
      <section aria-labelledby="lesson">
        <h2 id="lesson">About this lesson</h2>
        {session.lesson ? <Markdown source={session.lesson} /> : <ToBeWritten show={ctx.author && !presenting} />}
      </section>
      {session.activities.length ? (
        <section aria-labelledby="activities">
          <h2 id="activities">Activities</h2>
          {session.activities.map((a) => (
            <div class="activity">
              <ActivityTitle title={a.title} minutes={a.minutes} />
              <Markdown source={a.participant} />
              {!presenting && a.facilitator ? (
                <div class="facilitator-only">
                  <h4>Facilitator guidance</h4>
                  <Markdown source={a.facilitator} />
                </div>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}
      <AssessmentSection session={ps} id="assessment" notSet={!presenting} />
      <FileList files={ps.files} slug={ctx.slug} />
      <Resources resources={ps.resources} />
    </article>
  );
}

function PackHeader({ programme, title, ctx }: { programme: { title: string }; title: string; ctx: ViewContext }) {
  return (
    <>
      <p class="no-print">
        <a href={`/programmes/${ctx.slug}${q(ctx)}`}>Back to {programme.title}</a> · Use your browser’s Print command to print or save as PDF.
      </p>
      <h1>{title}</h1>
    </>
  );
}

/** The participant workbook: built only from the participant projection of the programme. */
export function WorkbookView({ programme, module, ctx }: { programme: ParticipantProgramme; module: ParticipantModule; ctx: ViewContext }) {
  return (
    <div class="print-pack">
      <PackHeader programme={programme} title={`${moduleLabel(programme, module)} — participant workbook`} ctx={ctx} />
      {module.purpose ? <p class="purpose">{module.purpose}</p> : null}
      <Markdown source={module.description} />
      {module.sessions.length === 0 ? <p>No sessions yet.</p> : null}
      {module.sessions.map((s) => (
        <div class="page-break">
          <ParticipantSessionView session={s} module={module} programme={programme} ctx={ctx} heading="h2" />
          <section class="notes-space" aria-label={`Notes for ${s.title}`}>
            <h3>My notes</h3>
          </section>
        </div>
      ))}
    </div>
  );
}

/** The facilitator pack: the module's facilitator notes and every session's guide. */
export function FacilitatorPackView({ programme, module, ctx }: { programme: Programme; module: Module; ctx: ViewContext }) {
  return (
    <div class="print-pack">
      <PackHeader programme={programme} title={`${moduleLabel(programme, module)} — facilitator pack`} ctx={ctx} />
      {module.purpose ? <p class="purpose">{module.purpose}</p> : null}
      <Markdown source={module.description} />
      {module.facilitatorNotes ? (
        <div class="facilitator-only">
          <h2>For facilitators</h2>
          <Markdown source={module.facilitatorNotes} />
        </div>
      ) : null}
      {module.sessions.length === 0 ? <p>No sessions yet.</p> : null}
      {module.sessions.map((s) => (
        <div class="page-break">
          <FacilitatorGuideView session={s} module={module} programme={programme} ctx={ctx} presenting={false} />
        </div>
      ))}
    </div>
  );
}

export interface OverlapRow {
  label: string;
  kind: 'topic' | 'knowledge';
  places: { module: string; session: string; href: string }[];
}

export function OverlapView({ programme, rows, ctx }: { programme: Programme; rows: OverlapRow[]; ctx: ViewContext }) {
  return (
    <>
      <p class="breadcrumb">
        <a href={`/programmes/${ctx.slug}`}>{programme.title}</a>
      </p>
      <h1>Overlap map</h1>
      <p>
        Knowledge and topics that appear in more than one module. The toolbox repeats some knowledge on purpose, so each module can stand alone; when a group
        meets it again, build on what they already know.
      </p>
      {rows.length === 0 ? (
        <p>Nothing appears in more than one module yet. Tag sessions and Mini Knowledge to see overlaps here.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Topics and knowledge in more than one module</caption>
          <ColumnHeads columns={['Topic or knowledge', 'Where it appears']} />
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  {r.label}
                  {r.kind === 'topic' && (CHIME as readonly string[]).includes(r.label) ? <span class="hint"> (CHIME)</span> : null}
                </th>
                <td>
                  <ul>
                    {r.places.map((p) => (
                      <li>
                        {p.module}: <a href={p.href}>{p.session}</a>
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function HistoryView({
  programme,
  slug,
  versions,
}: {
  programme: Programme;
  slug: string;
  versions: { number: number; published_at: string; note: string | null; publisher: string | null }[];
}) {
  return (
    <>
      <p class="breadcrumb">
        <a href={`/programmes/${slug}`}>{programme.title}</a>
      </p>
      <h1>Version history</h1>
      {versions.length === 0 ? <p>Not yet published.</p> : null}
      <table>
        <caption class="visually-hidden">Published versions, newest first</caption>
        <ColumnHeads columns={['Version', 'Published', 'By', 'Note']} />
        <tbody>
          {versions.map((v) => (
            <tr>
              <td>{v.number}</td>
              <td>{formatDateTime(v.published_at)}</td>
              <td>{v.publisher ?? 'Default content'}</td>
              <td>{v.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export interface FieldChange {
  field: string;
  parts: { value: string; added?: boolean; removed?: boolean }[];
}

export function SessionHistoryView({
  title,
  slug,
  sessionId,
  entries,
}: {
  title: string;
  slug: string;
  sessionId: string;
  entries: { number: number; publishedAt: string; publisher: string | null; note: string | null; changes: FieldChange[] | 'added' }[];
}) {
  return (
    <>
      <p class="breadcrumb">
        <a href={`/programmes/${slug}/sessions/${sessionId}/guide`}>{title}</a>
      </p>
      <h1>History of {title}</h1>
      {entries.length === 0 ? <p>This session has not been published yet.</p> : null}
      {entries.map((e) => (
        <section class="history-entry" aria-labelledby={`v${e.number}`}>
          <h2 id={`v${e.number}`}>
            Version {e.number}{' '}
            <span class="hint">
              · {formatDate(e.publishedAt)} · {e.publisher ?? 'Default content'}
            </span>
          </h2>
          {e.note ? <p>{e.note}</p> : null}
          {e.changes === 'added' ? (
            <p>The session first appeared in this version.</p>
          ) : e.changes.length === 0 ? (
            <p>No change to this session.</p>
          ) : (
            e.changes.map((c) => (
              <div class="change">
                <h3>{c.field}</h3>
                <p class="diff">
                  {c.parts.map((p) =>
                    p.added ? (
                      <ins>
                        <span class="visually-hidden">Added: </span>
                        {p.value}
                      </ins>
                    ) : p.removed ? (
                      <del>
                        <span class="visually-hidden">Removed: </span>
                        {p.value}
                      </del>
                    ) : (
                      p.value
                    ),
                  )}
                </p>
              </div>
            ))
          )}
        </section>
      ))}
    </>
  );
}

export function SearchView({
  query,
  hits,
  facilitator,
}: {
  query: string;
  hits: { title: string; href: string; where: string; snippet: Child; facilitatorOnly: boolean }[];
  facilitator: boolean;
}) {
  return (
    <>
      <h1>Search the curriculum</h1>
      <form method="get" action="/search" role="search">
        <div class="field">
          <label for="field-q">Search for</label>
          <input id="field-q" name="q" type="search" value={query} />
        </div>
        <button type="submit">Search</button>
      </form>
      {query ? (
        <>
          <h2>
            {hits.length} {hits.length === 1 ? 'result' : 'results'}
          </h2>
          {hits.length === 0 ? <p>Nothing matched. Try fewer or different words.</p> : null}
          <ul class="results">
            {hits.map((h) => (
              <li>
                <a href={h.href}>{h.title}</a> <span class="hint">{h.where}</span>
                {facilitator && h.facilitatorOnly ? <span class="tag"> Facilitator guide</span> : null}
                <p>{h.snippet}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
