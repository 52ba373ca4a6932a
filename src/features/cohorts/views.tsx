import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { ErrorSummary, PostForm, Select, TextArea, TextField, type FieldErrors, type FormValues } from '../../views/form.tsx';
import { formatDate } from '../../lib/format.ts';
import { ContentNotes } from '../curriculum/views.tsx';
import type { CsvRow } from './csv.ts';
import { MODES } from './forms.ts';
import { ATTENDANCE_STATUSES, markOf, type Cohort, type Marks, type Member, type Participant, type PlannedSession } from './queries.ts';
import { formatInZone, utcToLocal } from './time.ts';
import { ColumnHeads } from '../../views/table.tsx';

const modeLabel = (m: string) => MODES.find((x) => x.value === m)?.label ?? m;
const statusLabel = (s: string) => ATTENDANCE_STATUSES.find((x) => x.value === s)?.label ?? '—';
// The grid's cells are one of a few fixed labels: made once as HTML, so a cohort of 40 over 11 sessions
// is not 440 elements to build and escape on every view.
const STATUS_CELLS = new Map(ATTENDANCE_STATUSES.map((x) => [x.value as string, `<td>${x.label}</td>`]));
const EMPTY_CELL = '<td>—</td>';
const cellsFor = (sessions: PlannedSession[], own: Map<string, string> | undefined): string =>
  own ? sessions.map((s) => STATUS_CELLS.get(own.get(s.id) ?? '') ?? EMPTY_CELL).join('') : EMPTY_CELL.repeat(sessions.length);

export function CohortListView({
  cohorts,
  canCreate,
}: {
  cohorts: { id: string; name: string; starts_on: string; ends_on: string; mode: string }[];
  canCreate: boolean;
}) {
  return (
    <>
      <h1>Cohorts</h1>
      {canCreate ? (
        <p>
          <a class="button" href="/cohorts/new">
            Create a cohort
          </a>
        </p>
      ) : null}
      {cohorts.length === 0 ? <p>{canCreate ? 'No cohorts yet.' : 'You are not in a cohort yet.'}</p> : null}
      <ul class="card-list">
        {cohorts.map((c) => (
          <li>
            <a href={`/cohorts/${c.id}`}>{c.name}</a>
            <p>
              {formatDate(c.starts_on)} to {formatDate(c.ends_on)} · {modeLabel(c.mode)}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export interface ProgrammeChoice {
  id: string;
  title: string;
  version: number;
  modules: { id: string; label: string; sessions: number }[];
}

export function NewCohortView({
  programmes,
  values,
  modules,
  errors,
}: {
  programmes: ProgrammeChoice[];
  values: FormValues;
  modules?: string[];
  errors?: FieldErrors;
}) {
  return (
    <>
      <h1>Create a cohort</h1>
      <p>A cohort takes a published version of a programme. Later edits to the programme do not change it.</p>
      <ErrorSummary errors={errors} />
      <PostForm action="/cohorts/new">
        <TextField name="name" label="Cohort name" hint="For example: Spring 2027, Leith" value={values.name} error={errors?.name} />
        <div class={errors?.programmeId || errors?.modules ? 'field field-error' : 'field'} id="field-programmeId">
          <fieldset>
            <legend>Programme and modules</legend>
            <p class="hint">Choose the programme, then tick the modules this cohort takes. To change their order, number them: 1 first.</p>
            {errors?.programmeId ? <p class="error-message">{errors.programmeId}</p> : null}
            <div id="field-modules">{errors?.modules ? <p class="error-message">{errors.modules}</p> : null}</div>
            {programmes.map((p) => (
              <div class="programme-choice">
                <div class="radio">
                  <input type="radio" id={`prog-${p.id}`} name="programmeId" value={p.id} checked={values.programmeId === p.id} />
                  <label for={`prog-${p.id}`}>
                    {p.title} <span class="hint">(version {p.version})</span>
                  </label>
                </div>
                <ul class="module-choices">
                  {p.modules.map((m, i) => (
                    <li>
                      <div class="checkbox">
                        <input
                          type="checkbox"
                          id={`mod-${p.id}-${m.id}`}
                          name="modules"
                          value={`${p.id}:${m.id}`}
                          checked={modules?.includes(`${p.id}:${m.id}`)}
                        />
                        <label for={`mod-${p.id}-${m.id}`}>
                          {m.label} <span class="hint">({m.sessions} sessions)</span>
                        </label>
                      </div>
                      <label for={`order-${p.id}-${m.id}`} class="order-label">
                        Order<span class="visually-hidden"> for {m.label}</span>
                      </label>
                      <input
                        class="order-input"
                        type="text"
                        inputmode="numeric"
                        id={`order-${p.id}-${m.id}`}
                        name={`order_${p.id}:${m.id}`}
                        value={values[`order_${p.id}:${m.id}`] ?? String(i + 1)}
                      />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </fieldset>
        </div>
        <TextField name="startsOn" type="date" label="Starts on" value={values.startsOn} error={errors?.startsOn} />
        <TextField name="endsOn" type="date" label="Ends on" value={values.endsOn} error={errors?.endsOn} />
        <Select name="mode" label="How the cohort meets" options={[{ value: '', label: 'Choose…' }, ...MODES]} value={values.mode} error={errors?.mode} />
        <TextField name="venue" label="Venue (optional)" hint="Shown only to the cohort’s members" value={values.venue} error={errors?.venue} />
        <TextField
          name="joiningLink"
          type="url"
          label="Joining link for online sessions (optional)"
          hint="Shown only to the cohort’s members"
          value={values.joiningLink}
          error={errors?.joiningLink}
        />
        <TextField name="capacity" label="Places (optional)" value={values.capacity} error={errors?.capacity} />
        <TextField
          name="attendanceThreshold"
          label="Attendance needed to complete (%)"
          value={values.attendanceThreshold ?? '80'}
          error={errors?.attendanceThreshold}
        />
        <button type="submit">Create cohort</button>
      </PostForm>
    </>
  );
}

export function CohortView({
  cohort,
  programmeTitle,
  slug,
  sessions,
  members,
  showMembers,
  showDetails,
  manage,
  facilitate,
  notice,
  newerVersion,
}: {
  cohort: Cohort;
  programmeTitle: string;
  slug: string;
  sessions: PlannedSession[];
  members: Member[];
  showMembers: boolean;
  showDetails: boolean;
  manage: boolean;
  facilitate: boolean;
  notice?: string | undefined;
  newerVersion?: number | null;
}) {
  const facilitators = members.filter((m) => m.role === 'facilitator');
  const noLivedExperience = facilitators.length > 0 && !facilitators.some((f) => f.lived_experience === 1);
  return (
    <>
      <h1>{cohort.name}</h1>
      {notice ? (
        <div class="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <dl class="summary-list">
        <div>
          <dt>Programme</dt>
          <dd>
            <a href={`/programmes/${slug}?version=${cohort.version_number}`}>{programmeTitle}</a> (version {cohort.version_number})
          </dd>
        </div>
        <div>
          <dt>Dates</dt>
          <dd>
            {formatDate(cohort.starts_on)} to {formatDate(cohort.ends_on)}
          </dd>
        </div>
        <div>
          <dt>How it meets</dt>
          <dd>{modeLabel(cohort.mode)}</dd>
        </div>
        {showDetails && cohort.venue ? (
          <div>
            <dt>Venue</dt>
            <dd>{cohort.venue}</dd>
          </div>
        ) : null}
        {showDetails && cohort.joining_link ? (
          <div>
            <dt>Joining link</dt>
            <dd class="break">
              <a href={cohort.joining_link}>{cohort.joining_link}</a>
            </dd>
          </div>
        ) : null}
        <div>
          <dt>To complete</dt>
          <dd>Attend at least {cohort.attendance_threshold}% of sessions</dd>
        </div>
      </dl>
      {manage || facilitate ? (
        <p class="actions">
          {manage ? <a href={`/cohorts/${cohort.id}/schedule`}>Edit the schedule</a> : null}
          {manage ? <a href={`/cohorts/${cohort.id}/members`}>Members</a> : null}
          {manage ? <a href={`/cohorts/${cohort.id}/interest`}>Interest and places</a> : null}
          <a href={`/cohorts/${cohort.id}/attendance`}>Attendance grid</a>
          {facilitate && !manage ? <a href={`/cohorts/${cohort.id}/shared`}>Shared with you</a> : null}
          {facilitate && !manage ? <a href={`/cohorts/${cohort.id}/concerns/new`}>Raise a safeguarding concern</a> : null}
        </p>
      ) : null}
      <p class="actions">
        <a href={`/cohorts/${cohort.id}/agreement`}>Group agreement</a>
        <a href={`/cohorts/${cohort.id}/calendar.ics`}>Download the schedule (.ics)</a>
        <a href="/account/calendar">Subscribe to your calendar</a>
      </p>
      {newerVersion ? (
        <div class="notice">
          <p>
            Version {newerVersion} of the programme has been published. This cohort stays on version {cohort.version_number} until you move it; its schedule and
            attendance are kept.
          </p>
          <PostForm action={`/cohorts/${cohort.id}/move-version`}>
            <button type="submit" class="button-secondary">
              Move to version {newerVersion}
            </button>
          </PostForm>
        </div>
      ) : null}
      {noLivedExperience ? (
        <div class="warning" role="status">
          <p>No facilitator in this cohort is marked as facilitating with lived experience. Peer training is led by experts by experience.</p>
        </div>
      ) : null}
      <h2>Schedule</h2>
      <ScheduleTable cohort={cohort} sessions={sessions} facilitate={facilitate} />
      {showMembers ? (
        <>
          <h2>Facilitators</h2>
          <MemberList members={facilitators} />
          <h2>Participants</h2>
          <MemberList members={members.filter((m) => m.role === 'participant')} readinessFor={facilitate && !manage ? cohort.id : undefined} />
        </>
      ) : (
        <>
          <h2>Your facilitators</h2>
          <ul>
            {facilitators.map((f) => (
              <li>{f.name}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function MemberList({ members, readinessFor }: { members: Member[]; readinessFor?: string }) {
  if (members.length === 0) return <p>None yet.</p>;
  return (
    <ul>
      {members.map((m) => (
        <li>
          {m.name}
          {readinessFor ? (
            <>
              {' · '}
              <a href={`/cohorts/${readinessFor}/readiness/${m.user_id}`}>
                Readiness conversation<span class="visually-hidden"> with {m.name}</span>
              </a>
            </>
          ) : null}
          {m.is_lead ? ' (lead)' : ''}
          {m.lived_experience ? ' · lived experience' : ''}
          {m.status === 'invited' ? <span class="hint"> · invited, not joined yet</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function ScheduleTable({ cohort, sessions, facilitate }: { cohort: Cohort; sessions: PlannedSession[]; facilitate: boolean }) {
  return (
    <ol class="schedule">
      {sessions.map((s) => (
        <li>
          <a href={`/cohorts/${cohort.id}/sessions/${s.id}`}>{s.session.title}</a> <span class="hint">{s.moduleLabel}</span>
          <p>{s.startsAt ? formatInZone(s.startsAt, cohort.time_zone) : 'Date to be arranged'}</p>
          {s.session.contentNotes.length ? <p class="tag tag-warning">Content note: {s.session.contentNotes.map((n) => n.text).join(' ')}</p> : null}
          {facilitate ? (
            <p class="actions">
              <a href={`/cohorts/${cohort.id}/sessions/${s.id}/register`}>
                Register<span class="visually-hidden"> for {s.session.title}</span>
              </a>
              <a href={`/cohorts/${cohort.id}/sessions/${s.id}/facilitate`}>
                Plan and notes<span class="visually-hidden"> for {s.session.title}</span>
              </a>
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

export function ScheduleFormView({
  cohort,
  sessions,
  values,
  errors,
}: {
  cohort: Cohort;
  sessions: PlannedSession[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <>
      <h1>Schedule for {cohort.name}</h1>
      <p>Times are UK time (Europe/London). Changing a time or place emails everyone in the cohort, and their calendars update.</p>
      <ErrorSummary errors={errors} />
      <PostForm action={`/cohorts/${cohort.id}/schedule`}>
        {sessions.map((s, i) => {
          const local = s.startsAt ? utcToLocal(s.startsAt, cohort.time_zone) : { date: '', time: '' };
          const v = (k: string, d: string) => values?.[`${k}_${s.id}`] ?? d;
          return (
            <fieldset class="schedule-row">
              <legend>
                {i + 1}. {s.session.title} <span class="hint">{s.moduleLabel}</span>
              </legend>
              <TextField name={`date_${s.id}`} type="date" label="Date" value={v('date', local.date)} error={errors?.[`date_${s.id}`]} />
              <TextField name={`time_${s.id}`} label="Start time (24-hour, like 10:00)" value={v('time', local.time)} />
              <TextField
                name={`duration_${s.id}`}
                label="Length in minutes"
                value={v('duration', s.durationMinutes ? String(s.durationMinutes) : '120')}
                error={errors?.[`duration_${s.id}`]}
              />
              <TextField name={`place_${s.id}`} label="Place (optional)" value={v('place', s.place)} />
              <TextField name={`bring_${s.id}`} label="What to bring (optional)" value={v('bring', s.bring)} />
            </fieldset>
          );
        })}
        <button type="submit">Save schedule</button>
      </PostForm>
      <p>
        <a href={`/cohorts/${cohort.id}`}>Back to the cohort</a>
      </p>
    </>
  );
}

export function MembersView({
  cohort,
  members,
  values,
  errors,
  notice,
}: {
  cohort: Cohort;
  members: Member[];
  values?: FormValues;
  errors?: FieldErrors;
  notice?: string | undefined;
}) {
  return (
    <>
      <h1>Members of {cohort.name}</h1>
      {notice ? (
        <div class="notice" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <table>
        <caption class="visually-hidden">Members</caption>
        <ColumnHeads columns={['Name', 'Role', 'Account']} />
        <tbody>
          {members.map((m) => (
            <tr>
              <td>{m.name}</td>
              <td>
                {m.role}
                {m.is_lead ? ' (lead)' : ''}
                {m.lived_experience ? ', lived experience' : ''}
              </td>
              <td>{m.status === 'invited' ? 'Invited' : m.status === 'active' ? 'Joined' : 'Deactivated'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a class="button button-secondary" href={`/cohorts/${cohort.id}/import`}>
          Import participants from a CSV file
        </a>
      </p>
      <h2>Add someone</h2>
      <p>If they have no account yet, they are invited by email.</p>
      <ErrorSummary errors={errors} />
      <PostForm action={`/cohorts/${cohort.id}/members`}>
        <TextField name="name" label="Name" value={values?.name} error={errors?.name} />
        <TextField name="email" type="email" label="Email address" spellcheck={false} value={values?.email} error={errors?.email} />
        <Select
          name="role"
          label="Role in this cohort"
          options={[
            { value: '', label: 'Choose…' },
            { value: 'participant', label: 'Participant' },
            { value: 'facilitator', label: 'Facilitator' },
            { value: 'assessor', label: 'Assessor' },
          ]}
          value={values?.role}
          error={errors?.role}
        />
        <div class="checkbox">
          <input type="checkbox" id="is-lead" name="isLead" value="yes" checked={values?.isLead === 'yes'} />
          <label for="is-lead">Lead facilitator</label>
        </div>
        <div class="checkbox">
          <input type="checkbox" id="lived" name="livedExperience" value="yes" checked={values?.livedExperience === 'yes'} />
          <label for="lived">Facilitates as a person with lived experience</label>
        </div>
        <button type="submit">Add to cohort</button>
      </PostForm>
      <p>
        <a href={`/cohorts/${cohort.id}`}>Back to the cohort</a>
      </p>
    </>
  );
}

export function ImportView({ cohort, csv, rows, fileProblem }: { cohort: Cohort; csv?: string; rows?: CsvRow[]; fileProblem?: string | null }) {
  const problems = rows?.filter((r) => r.problems.length) ?? [];
  const ready = rows && rows.length > 0 && problems.length === 0 && !fileProblem;
  return (
    <>
      <h1>Import participants into {cohort.name}</h1>
      <p>Use a CSV file with a header row and the columns name and email. Nothing is imported until every row is right.</p>
      {fileProblem || problems.length ? (
        <div class="error-summary" role="alert" aria-labelledby="import-problems" tabindex={-1} data-error-summary>
          <h2 id="import-problems">Nothing has been imported</h2>
          <ul>
            {fileProblem ? (
              <li>
                <a href="#field-csv">{fileProblem}</a>
              </li>
            ) : null}
            {problems.map((r) => (
              <li>
                <a href={`#row-${r.line}`}>
                  Row {r.line}: {r.problems.join('; ')}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {rows && rows.length ? (
        <table>
          <caption>{ready ? `Ready to import ${rows.length} ${rows.length === 1 ? 'person' : 'people'}` : 'Check each row'}</caption>
          <ColumnHeads columns={['Row', 'Name', 'Email', 'Problems']} />
          <tbody>
            {rows.map((r) => (
              <tr id={`row-${r.line}`}>
                <td>{r.line}</td>
                <td>{r.name}</td>
                <td class="break">{r.email}</td>
                <td>{r.problems.length ? <strong class="error-message">{r.problems.join('; ')}</strong> : 'None'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {ready ? (
        <PostForm action={`/cohorts/${cohort.id}/import`}>
          <input type="hidden" name="csv" value={csv} />
          <input type="hidden" name="confirm" value="yes" />
          <button type="submit">
            Import {rows.length} {rows.length === 1 ? 'person' : 'people'}
          </button>
        </PostForm>
      ) : null}
      <form method="post" action={`/cohorts/${cohort.id}/import`} enctype="multipart/form-data">
        <div class="field">
          <label for="field-file">CSV file</label>
          <input id="field-file" name="file" type="file" accept=".csv,text/csv" />
        </div>
        <TextArea name="csv" label="Or paste the CSV here" rows={6} value={ready ? '' : (csv ?? '')} />
        <button type="submit" class="button-secondary">
          Check the file
        </button>
      </form>
      <p>
        <a href={`/cohorts/${cohort.id}/members`}>Back to members</a>
      </p>
    </>
  );
}

export function RegisterView({
  cohort,
  planned,
  participants,
  marks,
  saved,
}: {
  cohort: Cohort;
  planned: PlannedSession;
  participants: Participant[];
  marks: Marks;
  saved: boolean;
}) {
  return (
    <>
      <p class="breadcrumb">
        <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
      </p>
      <h1>Register: {planned.session.title}</h1>
      <p>{planned.startsAt ? formatInZone(planned.startsAt, cohort.time_zone) : 'Date to be arranged'}</p>
      {saved ? (
        <div class="notice" role="status">
          <p>Attendance saved.</p>
        </div>
      ) : null}
      {participants.length === 0 ? <p>No participants yet.</p> : null}
      <PostForm action={`/cohorts/${cohort.id}/sessions/${planned.id}/register`}>
        {participants.map((p) => {
          const current = markOf(marks, planned.id, p.user_id);
          return (
            <fieldset class="register-row">
              <legend>{p.name}</legend>
              <div class="radios">
                {ATTENDANCE_STATUSES.map((s) => (
                  <div class="radio">
                    <input type="radio" id={`m-${p.user_id}-${s.value}`} name={`mark_${p.user_id}`} value={s.value} checked={current === s.value} />
                    <label for={`m-${p.user_id}-${s.value}`}>{s.label}</label>
                  </div>
                ))}
              </div>
            </fieldset>
          );
        })}
        {participants.length ? <button type="submit">Save attendance</button> : null}
      </PostForm>
    </>
  );
}

export function AttendanceGridView({
  cohort,
  sessions,
  participants,
  marks,
}: {
  cohort: Cohort;
  sessions: PlannedSession[];
  participants: Participant[];
  marks: Marks;
}) {
  return (
    <>
      <p class="breadcrumb">
        <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
      </p>
      <h1>Attendance</h1>
      <table class="grid" tabindex={0}>
        <caption class="visually-hidden">Attendance: participants by session</caption>
        <thead>
          <tr>
            <th scope="col">Participant</th>
            {sessions.map((s, i) => (
              <th scope="col">
                <abbr title={s.session.title}>{i + 1}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {participants.map((p) => (
            <tr>
              <th scope="row">{p.name}</th>
              {raw(cellsFor(sessions, marks.get(p.user_id)))}
            </tr>
          ))}
        </tbody>
      </table>
      <ol class="hint">
        {sessions.map((s) => (
          <li>{s.session.title}</li>
        ))}
      </ol>
    </>
  );
}

export function CohortSessionView({
  cohort,
  planned,
  slug,
  showDetails,
  facilitate,
}: {
  cohort: Cohort;
  planned: PlannedSession;
  slug: string;
  showDetails: boolean;
  facilitate: boolean;
}) {
  const s = planned.session;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a> · {planned.moduleLabel}
      </p>
      <h1>{s.title}</h1>
      <p class="lead">{planned.startsAt ? formatInZone(planned.startsAt, cohort.time_zone) : 'Date to be arranged'}</p>
      <ContentNotes notes={s.contentNotes} />
      {showDetails && (planned.place || cohort.venue) ? <p>Place: {planned.place || cohort.venue}</p> : null}
      {showDetails && cohort.joining_link ? (
        <p>
          Join online: <a href={cohort.joining_link}>{cohort.joining_link}</a>
        </p>
      ) : null}
      {s.aim ? (
        <>
          <h2>What to expect</h2>
          <p>{s.aim}</p>
        </>
      ) : null}
      {planned.bring ? (
        <>
          <h2>What to bring</h2>
          <p>{planned.bring}</p>
        </>
      ) : null}
      <p class="actions">
        <a href={`/programmes/${slug}/sessions/${s.id}?version=${cohort.version_number}`}>Lesson materials</a>
        {facilitate ? <a href={`/programmes/${slug}/sessions/${s.id}/guide?version=${cohort.version_number}`}>Facilitator guide</a> : null}
        {facilitate ? <a href={`/cohorts/${cohort.id}/sessions/${planned.id}/register`}>Register</a> : null}
      </p>
    </>
  );
}

export function Section({ title, children }: { title: string; children: Child }) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export { statusLabel };
