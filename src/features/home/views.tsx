import type { Actor } from '../../policies/actor.ts';
import { canManageUsers } from '../../policies/users.ts';
import { canEditCrisisContacts } from '../../policies/help.ts';
import { isNewcomer, organisationRoleLabel, showsOrganisationRole } from '../../policies/home.ts';
import { Notice } from '../../views/form.tsx';
import { formatInZone } from '../cohorts/index.ts';
import type { FacilitatorDay, HomeData, ParticipantCohort, PlannedSession } from './queries.ts';

// One formatter per zone, made once (see formatInZone).
const zoneNames = new Map<string, Intl.DateTimeFormat>();

/** "British Summer Time": the name of the cohort's zone at that instant, so nobody has to guess whose clock. */
function zoneName(iso: string, zone: string): string {
  let format = zoneNames.get(zone);
  if (!format) zoneNames.set(zone, (format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'long' })));
  return format.formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

function When({ iso, zone }: { iso: string; zone: string }) {
  return (
    <>
      <strong>{formatInZone(iso, zone)}</strong> <span class="hint">({zoneName(iso, zone)})</span>
    </>
  );
}

/** A session's content notes. Its own heading id per session, since a home page may show several. */
function ContentNote({ session, id, level }: { session: PlannedSession['session']; id: string; level: 3 | 4 }) {
  if (session.contentNotes.length === 0) return null;
  return (
    <div class="content-note" role="note" aria-labelledby={id}>
      {level === 3 ? <h3 id={id}>Content note</h3> : <h4 id={id}>Content note</h4>}
      {session.contentNotes.map((n) => (
        <p>{n.text}</p>
      ))}
      <p>
        You can step out at any time without giving a reason. <a href="/help">Get help now</a> if you need it.
      </p>
    </div>
  );
}

export function FacilitatorDayView({ days }: { days: FacilitatorDay[] }) {
  return (
    <>
      {days.map(({ cohort, next, participants, notes }) => (
        <section class="day" aria-labelledby={`day-${cohort.id}`}>
          <h2 id={`day-${cohort.id}`}>Your next session: {next.session.title}</h2>
          <p>
            <strong>{formatInZone(next.startsAt!, cohort.time_zone)}</strong> · {cohort.name}
            {next.place || cohort.venue ? ` · ${next.place || cohort.venue}` : ''}
          </p>
          <ContentNote session={next.session} id={`day-note-${next.id}`} level={3} />
          <p class="actions">
            <a href={`/programmes/${next.slug}/sessions/${next.session.id}/guide?version=${next.version}`}>Facilitator guide</a>
            <a href={`/programmes/${next.slug}/sessions/${next.session.id}/present?version=${next.version}`}>Present</a>
            <a href={`/cohorts/${cohort.id}/sessions/${next.id}/register`}>Register</a>
            <a href={`/cohorts/${cohort.id}/sessions/${next.id}/facilitate`}>Co-facilitation plan, notes and debrief</a>
          </p>
          {notes.length ? (
            <div class="overlap-notes">
              <h3>Your group has met some of this before</h3>
              <ul>
                {notes.map((n) => (
                  <li>
                    “{n.knowledge}” came up in {n.metIn} ({n.module}) on {formatInZone(n.on, cohort.time_zone)}. Build on it rather than repeat it.
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <h3>Who is coming ({participants.length})</h3>
          {participants.length === 0 ? <p>No participants yet.</p> : null}
          <ul>
            {participants.map((p) => (
              <li>{p.name}</li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** Before the next session: each item says plainly whether it is still to do or done. */
function ToDoList({ mine }: { mine: ParticipantCohort }) {
  const { cohort, next, agreement, stocktake } = mine;
  return (
    <>
      <h3>{next ? 'Before your next session' : 'Before the course'}</h3>
      <ul class="todo-list">
        {next ? (
          <li>
            <span class="todo-state">To do</span>{' '}
            <a href={`/programmes/${next.slug}/sessions/${next.session.id}?version=${next.version}`}>Read the lesson: {next.session.title}</a>
          </li>
        ) : null}
        {agreement === 'to_do' ? (
          <li>
            <span class="todo-state">To do</span> <a href={`/cohorts/${cohort.id}/agreement`}>Read and agree to your group agreement</a>: how your group has
            agreed to work together, including confidentiality and its limits.
          </li>
        ) : null}
        {agreement === 'done' ? (
          <li>
            <span class="todo-state todo-done">Done</span> You have agreed to your <a href={`/cohorts/${cohort.id}/agreement`}>group agreement</a>.
          </li>
        ) : null}
        {stocktake === 'to_do' ? (
          <li>
            <span class="todo-state">To do</span> <a href={`/my/stocktake/${cohort.id}`}>Do your personal stocktake</a>: a private look at where you are now.
            Only you can read it unless you choose to share it.
          </li>
        ) : null}
        {stocktake === 'done' ? (
          <li>
            <span class="todo-state todo-done">Done</span> You have started your <a href={`/my/stocktake/${cohort.id}`}>personal stocktake</a>. You can add to
            it at any time.
          </li>
        ) : null}
        {next?.bring ? (
          <li>
            <span class="todo-state">Bring</span> {next.bring}
          </li>
        ) : null}
      </ul>
    </>
  );
}

function ParticipantCohortView({ mine }: { mine: ParticipantCohort }) {
  const { cohort, next, laterNotes, past, attendance, joining } = mine;
  return (
    <section class="day" aria-labelledby={`mine-${cohort.id}`}>
      <h2 id={`mine-${cohort.id}`}>
        Your cohort: <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
      </h2>
      {next ? (
        <>
          <h3>Next session: {next.session.title}</h3>
          <p class="lead">
            <When iso={next.startsAt!} zone={cohort.time_zone} />
          </p>
          {joining?.place ? <p>Where: {joining.place}</p> : null}
          {joining?.link ? (
            <p class="break">
              Join online: <a href={joining.link}>{joining.link}</a>
            </p>
          ) : null}
          <ContentNote session={next.session} id={`note-${next.id}`} level={4} />
          <p>
            <a href={`/cohorts/${cohort.id}/sessions/${next.id}`}>What to expect at this session</a>
          </p>
        </>
      ) : (
        <p>No upcoming sessions are scheduled yet. They will appear here, with their dates, as soon as they are.</p>
      )}
      <ToDoList mine={mine} />
      {laterNotes.length ? (
        <>
          <h3>Later sessions with a content note</h3>
          <ul>
            {laterNotes.map((s) => (
              <li>
                <a href={`/cohorts/${cohort.id}/sessions/${s.id}`}>{s.session.title}</a>, {formatInZone(s.startsAt!, cohort.time_zone)}:{' '}
                {s.session.contentNotes.map((n) => n.text).join(' ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>Your attendance</h3>
      {attendance.percent === null ? (
        <p>No sessions have been held yet.</p>
      ) : (
        <p class="attendance">
          You have attended {attendance.attended} of {attendance.held} sessions so far: <strong>{attendance.percent}%</strong>. The course asks for at least{' '}
          {cohort.attendance_threshold}%.
          {attendance.percent < cohort.attendance_threshold
            ? ' If you missed a session, its lesson is below. Talk to your facilitator if something is getting in the way.'
            : ''}
        </p>
      )}
      {past.length ? (
        <>
          <h3>Past sessions</h3>
          <ul>
            {past.map((s) => (
              <li>
                <a href={`/programmes/${s.slug}/sessions/${s.session.id}?version=${s.version}`}>{s.session.title}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

const names = (list: string[]) => (list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`);

/** Where the private space is and that it is private; where help is, and who to ask. */
function PrivateSpaceAndHelp({ participating }: { participating: ParticipantCohort[] }) {
  return (
    <>
      <section aria-labelledby="home-private">
        <h2 id="home-private">Your private space</h2>
        <p>
          Your recovery story, reflective journal, wellbeing plan and stocktake are kept in <a href="/my">My private space</a>. It is private: only you can read
          what you write there, unless you choose to share something with your facilitators.
        </p>
      </section>
      <section aria-labelledby="home-help">
        <h2 id="home-help">If you need help</h2>
        <p>
          <a href="/help">Get help now</a>: crisis contacts, any time you need them. The link is at the top of every page.
        </p>
        {participating.map(({ cohort, facilitators }) => (
          <p>
            {facilitators.length
              ? `Your facilitators${participating.length > 1 ? ` in ${cohort.name}` : ''}: ${names(facilitators)}. Ask them anything about the course at a session, or tell them if something is getting in the way.`
              : `Your facilitators${participating.length > 1 ? ` in ${cohort.name}` : ''} have not been named yet.`}
          </p>
        ))}
      </section>
    </>
  );
}

/** The home page: each person's starting point, from what they hold. */
export function HomeView({ actor, data, welcome }: { actor: Actor; data: HomeData; welcome: boolean }) {
  const { facilitating, participating, staleContacts, certificates } = data;
  const newcomer = isNewcomer(actor);
  const participant = participating.length > 0 || newcomer;
  return (
    <>
      <Notice text={welcome ? 'Your account is ready. Welcome to Peer Toolbox.' : null} />
      <h1>Hello, {actor.name}</h1>
      {showsOrganisationRole(actor) ? <p class="hint">Organisation role: {organisationRoleLabel(actor)}</p> : null}
      {participant ? <p class="lead">This is your starting point: what is next, what to do before it, and where to find help.</p> : null}
      {staleContacts > 0 ? (
        <div class="warning" role="status">
          <p>
            <strong>
              {staleContacts} crisis {staleContacts === 1 ? 'contact needs' : 'contacts need'} checking
            </strong>{' '}
            — last checked more than six months ago. <a href="/admin/crisis-contacts">Review crisis contacts</a>
          </p>
        </div>
      ) : null}
      <FacilitatorDayView days={facilitating} />
      {participating.map((mine) => (
        <ParticipantCohortView mine={mine} />
      ))}
      {newcomer ? (
        <section aria-labelledby="home-waiting">
          <h2 id="home-waiting">You are not in a cohort yet</h2>
          <p>When the programme team adds you to a cohort, your sessions and what to do before them will appear here.</p>
        </section>
      ) : null}
      {participant ? <PrivateSpaceAndHelp participating={participating} /> : null}
      <ul class="card-list">
        {canManageUsers(actor) ? (
          <li>
            <a href="/admin/users">People</a>
            <p>Invite people, change roles and deactivate accounts.</p>
          </li>
        ) : null}
        {canEditCrisisContacts(actor) ? (
          <li>
            <a href="/admin/crisis-contacts">Crisis contacts</a>
            <p>Keep the Get help now page current.</p>
          </li>
        ) : null}
        {actor.safeguardingLead ? (
          <li>
            <a href="/safeguarding">Safeguarding concerns</a>
            <p>You are a named safeguarding lead.</p>
          </li>
        ) : null}
        {certificates > 0 ? (
          <li>
            <a href="/my/certificates">My certificates</a>
            <p>
              Download your {certificates === 1 ? 'certificate' : 'certificates'} and digital {certificates === 1 ? 'badge' : 'badges'}, and share the
              verification page.
            </p>
          </li>
        ) : null}
        {participant ? null : (
          <li>
            <a href="/help">Get help now</a>
            <p>Crisis contacts, any time you need them.</p>
          </li>
        )}
        <li>
          <a href="/account">Your account</a>
          <p>Your details and password.</p>
        </li>
      </ul>
    </>
  );
}
