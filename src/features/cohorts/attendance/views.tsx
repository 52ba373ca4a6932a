import { raw } from 'hono/html';
import { ErrorSummary, Notice, PostForm, RadioGroup, type FieldErrors } from '../../../views/form.tsx';
import type { Cohort, Participant, PlannedSession } from '../queries.ts';
import { formatInZone } from '../time.ts';
import type { AttendanceGrid } from './queries.ts';
import { ATTENDANCE_STATUSES, COMPLETION_LABELS, markOf, type AttendanceSummary, type Marks } from './model.ts';

// The grid's cells are one of a few fixed labels: made once as HTML, so a cohort of 40 over 11 sessions
// is not 440 elements to build and escape on every view.
const STATUS_CELLS = new Map(ATTENDANCE_STATUSES.map((x) => [x.value as string, `<td>${x.label}</td>`]));
const EMPTY_CELL = '<td>—</td>';
const cellsFor = (sessions: PlannedSession[], own: Map<string, string> | undefined): string =>
  own ? sessions.map((s) => STATUS_CELLS.get(own.get(s.id) ?? '') ?? EMPTY_CELL).join('') : EMPTY_CELL.repeat(sessions.length);

const STATUS_OPTIONS = ATTENDANCE_STATUSES.map((s) => ({ value: s.value, label: s.label }));

/** The message for a register that cannot be taken yet. */
export const notStartedMessage = (cohort: Cohort, planned: PlannedSession): string =>
  planned.startsAt
    ? `This session has not started yet: it starts ${formatInZone(planned.startsAt, cohort.time_zone)}. Take the register once it has started.`
    : 'This session has no date yet. Set its date in the schedule, and take the register once it has started.';

export function RegisterView({
  cohort,
  planned,
  participants,
  marks,
  started,
  saved,
  values,
  errors,
}: {
  cohort: Cohort;
  planned: PlannedSession;
  participants: Participant[];
  marks: Marks;
  started: boolean;
  saved: boolean;
  values?: Record<string, string>;
  errors?: FieldErrors;
}) {
  return (
    <>
      <p class="breadcrumb">
        <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
      </p>
      <h1>Register: {planned.session.title}</h1>
      <p>{planned.startsAt ? formatInZone(planned.startsAt, cohort.time_zone) : 'Date to be arranged'}</p>
      <Notice text={saved ? 'Attendance saved.' : null} />
      <ErrorSummary errors={errors} />
      {!started ? <p id="field-register">{notStartedMessage(cohort, planned)}</p> : null}
      {participants.length === 0 ? <p>No participants yet.</p> : null}
      {started ? (
        <PostForm action={`/cohorts/${cohort.id}/sessions/${planned.id}/register`}>
          {participants.map((p) => (
            // One group per person, named by the person, so a screen reader announces whose mark each choice is.
            <div class="register-row">
              <RadioGroup
                name={`mark_${p.user_id}`}
                idPrefix={`m-${p.user_id}`}
                legend={p.name}
                options={STATUS_OPTIONS}
                value={values?.[`mark_${p.user_id}`] ?? markOf(marks, planned.id, p.user_id)}
                error={errors?.[`mark_${p.user_id}`]}
              />
            </div>
          ))}
          {participants.length ? <button type="submit">Save attendance</button> : null}
        </PostForm>
      ) : null}
    </>
  );
}

const percentText = (s: AttendanceSummary) => (s.percent === null ? 'No sessions held' : `${s.percent}% (${s.attended} of ${s.held})`);

export function AttendanceGridView({ cohort, grid }: { cohort: Cohort; grid: AttendanceGrid }) {
  const { sessions, rows, marks } = grid;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
      </p>
      <h1>Attendance</h1>
      <p>
        Attendance is counted over the sessions held so far. To complete, a participant attends at least {cohort.attendance_threshold}% of the cohort’s
        sessions.
      </p>
      <table class="grid" tabindex={0}>
        <caption class="visually-hidden">Attendance: participants by session, with their attendance so far and completion</caption>
        <thead>
          <tr>
            <th scope="col">Participant</th>
            {sessions.map((s, i) => (
              <th scope="col">
                <abbr title={s.session.title}>{i + 1}</abbr>
              </th>
            ))}
            <th scope="col">Attended so far</th>
            <th scope="col">Completion</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ participant: p, summary }) => (
            <tr>
              <th scope="row">{p.name}</th>
              {raw(cellsFor(sessions, marks.get(p.user_id)))}
              <td>{percentText(summary)}</td>
              <td>{COMPLETION_LABELS[summary.completion]}</td>
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
