import {
  CheckboxGroup,
  ErrorSummary,
  Notice,
  PostForm,
  RadioGroup,
  Select,
  TextArea,
  TextField,
  type FieldErrors,
  type FormValues,
} from '../../views/form.tsx';
import { formatDate } from '../../lib/format.ts';
import { ColumnHeads } from '../../views/table.tsx';
import { ContentNotes } from '../curriculum/index.ts';
import type { CsvRow } from './csv.ts';
import { MODES } from './forms.ts';
import type { CohortPlan, Cohort, Member, PlannedModule, PlannedSession, ProgrammeChoice } from './queries.ts';
import { COMPLETION_THRESHOLD_PERCENT } from './attendance/model.ts';
import { formatInZone, utcToLocal } from './time.ts';

const modeLabel = (m: string) => MODES.find((x) => x.value === m)?.label ?? m;

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

const sessionCount = (n: number) => (n === 0 ? 'no sessions yet' : `${n} sessions`);

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
  const choices = programmes.flatMap((p) => p.modules.map((m) => ({ programme: p, module: m, value: `${p.id}:${m.id}` })));
  return (
    <>
      <h1>Create a cohort</h1>
      <p>
        A cohort takes the published versions of its programmes as they are today. Later edits to a programme do not change it until you move it to the new
        version.
      </p>
      <ErrorSummary errors={errors} />
      <PostForm action="/cohorts/new">
        <TextField name="name" label="Cohort name" hint="For example: Spring 2027, Leith" value={values.name} error={errors?.name} />
        <RadioGroup
          name="programmeId"
          legend="The programme this cohort delivers"
          options={programmes.map((p) => ({
            value: p.id,
            label: (
              <>
                {p.title} <span class="hint">(version {p.version})</span>
              </>
            ),
          }))}
          value={values.programmeId}
          error={errors?.programmeId}
        />
        <CheckboxGroup
          name="modules"
          idPrefix="mod"
          legend="Modules"
          hint="Tick the modules this cohort takes. They may come from more than one programme: for example the Peer 2 Peer readiness pre-programme before a course. A module with no sessions yet gives the schedule no dates."
          options={choices.map((c) => ({
            value: c.value,
            label: (
              <>
                {c.module.label} <span class="hint">({sessionCount(c.module.sessions)})</span>
              </>
            ),
            hint: `from ${c.programme.title}`,
          }))}
          values={modules}
          error={errors?.modules}
        />
        <fieldset class="module-order">
          <legend>Order of the modules</legend>
          <p class="hint">Number the ticked modules in the order the cohort takes them: 1 first. Unticked modules are left out whatever their number.</p>
          <ul class="module-choices">
            {choices.map((c, i) => (
              <li>
                <label for={`order-${c.programme.id}-${c.module.id}`} class="order-label">
                  Order
                  <span class="visually-hidden">
                    {' '}
                    for {c.module.label} ({c.programme.title})
                  </span>
                </label>{' '}
                <input
                  class="order-input"
                  type="text"
                  inputmode="numeric"
                  id={`order-${c.programme.id}-${c.module.id}`}
                  name={`order_${c.value}`}
                  value={values[`order_${c.value}`] ?? String(i + 1)}
                />{' '}
                <span aria-hidden="true">
                  {c.module.label} <span class="hint">({c.programme.title})</span>
                </span>
              </li>
            ))}
          </ul>
        </fieldset>
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
          hint={`Of the cohort’s sessions. ${COMPLETION_THRESHOLD_PERCENT}% unless you choose otherwise.`}
          value={values.attendanceThreshold ?? String(COMPLETION_THRESHOLD_PERCENT)}
          error={errors?.attendanceThreshold}
        />
        <button type="submit">Create cohort</button>
      </PostForm>
    </>
  );
}

/** Says which modules of the plan have no sessions: they have no dates in the schedule and no events in calendars. */
export function EmptyModulesWarning({ modules }: { modules: PlannedModule[] }) {
  if (modules.length === 0) return null;
  return (
    <div class="warning" role="status">
      <p>
        {modules.length === 1 ? 'This module of the plan has no sessions yet' : 'These modules of the plan have no sessions yet'}, so they have no dates in the
        schedule and no events in calendars:
      </p>
      <ul>
        {modules.map((m) => (
          <li>
            {m.label} ({m.programmeTitle}, version {m.version})
          </li>
        ))}
      </ul>
      <p>Add sessions to them in the curriculum and publish, then move the cohort to the new version.</p>
    </div>
  );
}

export function CohortView({
  cohort,
  plan,
  facilitators,
  participants,
  showMembers,
  showDetails,
  manage,
  facilitate,
  notice,
  newerVersions,
  issueCertificates = false,
}: {
  cohort: Cohort;
  plan: CohortPlan;
  facilitators: Member[];
  participants: Member[];
  showMembers: boolean;
  showDetails: boolean;
  manage: boolean;
  facilitate: boolean;
  notice?: string | undefined;
  newerVersions: { title: string; from: number; to: number }[];
  /** Whether the reader may issue certificates, so the page links to the cohort's certificates. */
  issueCertificates?: boolean;
}) {
  const noLivedExperience = facilitators.length > 0 && !facilitators.some((f) => f.lived_experience === 1);
  const empty = plan.modules.filter((m) => m.module.sessions.length === 0);
  return (
    <>
      <h1>{cohort.name}</h1>
      <Notice text={notice} />
      <dl class="summary-list">
        <div>
          <dt>{plan.programmes.length > 1 ? 'Programmes' : 'Programme'}</dt>
          {plan.programmes.map((p) => (
            <dd>
              <a href={`/programmes/${p.slug}?version=${p.version}`}>{p.title}</a> (version {p.version})
            </dd>
          ))}
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
      {manage || facilitate || issueCertificates ? (
        <p class="actions">
          {manage ? <a href={`/cohorts/${cohort.id}/schedule`}>Edit the schedule</a> : null}
          {manage ? <a href={`/cohorts/${cohort.id}/members`}>Members</a> : null}
          {manage ? <a href={`/cohorts/${cohort.id}/interest`}>Interest and places</a> : null}
          {manage || facilitate ? <a href={`/cohorts/${cohort.id}/attendance`}>Attendance grid</a> : null}
          {issueCertificates ? <a href={`/cohorts/${cohort.id}/certificates`}>Certificates</a> : null}
          {facilitate && !manage ? <a href={`/cohorts/${cohort.id}/shared`}>Shared with you</a> : null}
          {facilitate && !manage ? <a href={`/cohorts/${cohort.id}/concerns/new`}>Raise a safeguarding concern</a> : null}
        </p>
      ) : null}
      <p class="actions">
        <a href={`/cohorts/${cohort.id}/agreement`}>Group agreement</a>
        <a href={`/cohorts/${cohort.id}/calendar.ics`}>Download the schedule (.ics)</a>
        <a href="/account/calendar">Subscribe to your calendar</a>
      </p>
      {newerVersions.length ? (
        <section aria-labelledby="newer-versions">
          <h2 id="newer-versions">Newer versions published</h2>
          <ul>
            {newerVersions.map((v) => (
              <li>
                {v.title}: version {v.to} has been published. This cohort stays on version {v.from} until you move it.
              </li>
            ))}
          </ul>
          <p>Moving keeps the cohort’s schedule and attendance.</p>
          <PostForm action={`/cohorts/${cohort.id}/move-version`}>
            <button type="submit" class="button-secondary">
              {newerVersions.length === 1 ? `Move to version ${newerVersions[0]!.to}` : 'Move to the latest versions'}
            </button>
          </PostForm>
        </section>
      ) : null}
      {noLivedExperience ? (
        <div class="warning" role="status">
          <p>No facilitator in this cohort is marked as facilitating with lived experience. Peer training is led by experts by experience.</p>
        </div>
      ) : null}
      {manage ? <EmptyModulesWarning modules={empty} /> : null}
      <h2>Schedule</h2>
      <ScheduleTable cohort={cohort} sessions={plan.sessions} facilitate={facilitate} />
      {showMembers ? (
        <>
          <h2>Facilitators</h2>
          <MemberList members={facilitators} />
          <h2>Participants</h2>
          <MemberList members={participants} readinessFor={facilitate && !manage ? cohort.id : undefined} />
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
  emptyModules,
  values,
  errors,
}: {
  cohort: Cohort;
  sessions: PlannedSession[];
  emptyModules: PlannedModule[];
  values?: FormValues;
  errors?: FieldErrors;
}) {
  return (
    <>
      <h1>Schedule for {cohort.name}</h1>
      <EmptyModulesWarning modules={emptyModules} />
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
              <TextField name={`place_${s.id}`} label="Place (optional)" value={v('place', s.place)} error={errors?.[`place_${s.id}`]} />
              <TextField name={`bring_${s.id}`} label="What to bring (optional)" value={v('bring', s.bring)} error={errors?.[`bring_${s.id}`]} />
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
      <Notice text={notice} />
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
        <CheckboxGroup
          name="isLead"
          legend="Leading"
          hint="For facilitators"
          options={[{ value: 'yes', label: 'Lead facilitator' }]}
          values={values?.isLead ? [values.isLead] : []}
        />
        <CheckboxGroup
          name="livedExperience"
          legend="Lived experience"
          hint="For facilitators: peer training is led by experts by experience"
          options={[{ value: 'yes', label: 'Facilitates as a person with lived experience' }]}
          values={values?.livedExperience ? [values.livedExperience] : []}
        />
        <button type="submit">Add to cohort</button>
      </PostForm>
      <p>
        <a href={`/cohorts/${cohort.id}`}>Back to the cohort</a>
      </p>
    </>
  );
}

/** A value from a file, cut short for the page when it is long: the row's problem says how long. */
const shortened = (value: string): string => (value.length > 60 ? `${value.slice(0, 60)}… (${value.length.toLocaleString('en-GB')} characters)` : value);

/**
 * The participants CSV import: the form, and once checked every row with its problems. An uploaded
 * file is summarised by its name and number of rows rather than put back into the paste box.
 */
export function ImportView({
  cohort,
  csv,
  rows,
  fileProblem,
  fileName,
}: {
  cohort: Cohort;
  csv?: string;
  rows?: CsvRow[];
  fileProblem?: string | null;
  fileName?: string;
}) {
  const problems = rows?.filter((r) => r.problems.length) ?? [];
  const ready = rows && rows.length > 0 && problems.length === 0 && !fileProblem;
  return (
    <>
      <h1>Import participants into {cohort.name}</h1>
      <p>Use a CSV file with a header row and the columns name and email. Nothing is imported until every row is right.</p>
      {fileName ? (
        <p>
          Checked {fileName}
          {rows && rows.length ? `: ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}` : ''}.
        </p>
      ) : null}
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
                <td>{shortened(r.name)}</td>
                <td class="break">{shortened(r.email)}</td>
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
        <TextArea name="csv" label="Or paste the CSV here" rows={6} value={ready || fileName ? '' : (csv ?? '')} />
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

export function CohortSessionView({
  cohort,
  planned,
  showDetails,
  facilitate,
}: {
  cohort: Cohort;
  planned: PlannedSession;
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
        <a href={`/programmes/${planned.slug}/sessions/${s.id}?version=${planned.version}`}>Lesson materials</a>
        {facilitate ? <a href={`/programmes/${planned.slug}/sessions/${s.id}/guide?version=${planned.version}`}>Facilitator guide</a> : null}
        {facilitate ? <a href={`/cohorts/${cohort.id}/sessions/${planned.id}/register`}>Register</a> : null}
      </p>
    </>
  );
}
