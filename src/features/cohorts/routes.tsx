import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { fieldErrors, formStrings, type FieldErrors } from '../../views/form.tsx';
import { allow, currentActor, requireUser } from '../../auth/guards.ts';
import { authorize } from '../../policies/index.ts';
import { canManageCohorts, canMarkAttendance, canSeeCohortMembers, canSeeJoiningDetails, canViewCohort } from '../../policies/cohorts.ts';
import { hashSecret, newSecret } from '../../lib/tokens.ts';
import { contentDisposition } from '../../lib/file-check.ts';
import { getPublishedVersion, listProgrammes } from '../curriculum/queries.ts';
import { moduleLabel } from '../curriculum/model.ts';
import { cohortForm, datesInOrder, memberForm } from './forms.ts';
import { cohortAttendance, cohortMembers, cohortParticipants, cohortPlan, getCohort, listCohortsFor, type Cohort } from './queries.ts';
import {
  addMember,
  createCohort,
  importParticipantsCsv,
  markAttendance,
  moveCohortToLatestVersion,
  previewParticipantsCsv,
  saveSchedule,
  type ScheduleEntry,
} from './commands.ts';
import { buildCalendar, type CalendarCohort } from './calendar.ts';
import {
  AttendanceGridView,
  CohortListView,
  CohortSessionView,
  CohortView,
  ImportView,
  MembersView,
  NewCohortView,
  RegisterView,
  ScheduleFormView,
  type ProgrammeChoice,
} from './views.tsx';
import type { AttendanceStatus } from './queries.ts';

async function cohortOr404(c: Context<AppEnv>): Promise<Cohort> {
  const cohort = await getCohort(c.var.deps.db, c.req.param('cohortId') ?? '');
  // A cohort someone may not see answers as if it did not exist.
  if (!cohort || !canViewCohort(c.var.actor, cohort.id)) throw new HTTPException(404);
  return cohort;
}

const notices: Record<string, string> = {
  created: 'Cohort created. Next, set the schedule and add members.',
  scheduled: 'Schedule saved.',
  added: 'Added to the cohort. They have been emailed.',
  invited: 'Invitation sent. They join the cohort when they accept it.',
  imported: 'Participants imported. Everyone new has been sent an invitation.',
  moved: 'The cohort now follows the latest published version of the programme.',
};

async function programmeChoices(c: Context<AppEnv>): Promise<ProgrammeChoice[]> {
  const out: ProgrammeChoice[] = [];
  for (const p of await listProgrammes(c.var.deps.db)) {
    if (p.latest_version === 0) continue;
    const v = await getPublishedVersion(c.var.deps.db, p.id);
    if (!v) continue;
    out.push({
      id: p.id,
      title: p.title,
      version: v.number,
      modules: v.programme.modules.map((m) => ({ id: m.id, label: moduleLabel(v.programme, m), sessions: m.sessions.length })),
    });
  }
  return out;
}

async function newerVersion(c: Context<AppEnv>, cohort: Cohort): Promise<number | null> {
  const latest = await getPublishedVersion(c.var.deps.db, cohort.programme_id);
  return latest && latest.number > cohort.version_number ? latest.number : null;
}

/** Cohorts: creating and planning them, members, schedule, calendars and attendance. */
export function cohortRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/cohorts', requireUser);
  app.use('/cohorts/*', requireUser);
  app.use('/account/calendar', requireUser);

  app.get('/cohorts', async (c) => {
    const actor = currentActor(c);
    return renderPage(c, {
      title: 'Cohorts',
      body: <CohortListView cohorts={await listCohortsFor(c.var.deps.db, actor)} canCreate={canManageCohorts(actor)} />,
    });
  });

  app.get('/cohorts/new', allow(canManageCohorts), async (c) =>
    renderPage(c, { title: 'Create a cohort', body: <NewCohortView programmes={await programmeChoices(c)} values={{ attendanceThreshold: '80' }} /> }),
  );

  app.post('/cohorts/new', allow(canManageCohorts), async (c) => {
    const body = await c.req.parseBody({ all: true });
    const values = formStrings(body);
    const chosen = ([] as unknown[]).concat(body.modules ?? []).filter((m): m is string => typeof m === 'string');
    const page = async (errors: FieldErrors) =>
      renderPage(c, {
        title: 'Create a cohort',
        status: 422,
        body: <NewCohortView programmes={await programmeChoices(c)} values={values} modules={chosen} errors={errors} />,
      });
    const parsed = cohortForm.safeParse(values);
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    if (!errors.endsOn && !datesInOrder(values.startsOn, values.endsOn)) errors.endsOn = 'The end date must be on or after the start date';
    const forProgramme = chosen.filter((m) => m.startsWith(`${values.programmeId}:`));
    if (values.programmeId && forProgramme.length === 0) errors.modules = 'Tick at least one module of the chosen programme';
    if (chosen.length > forProgramme.length) errors.modules = 'Tick modules of the chosen programme only';
    if (!parsed.success || Object.keys(errors).length) return page(errors);
    const ordered = forProgramme
      .map((m, i) => ({ m, order: Number(values[`order_${m}`]) || 100 + i, i }))
      .sort((a, b) => a.order - b.order || a.i - b.i)
      .map((x) => x.m.split(':')[1]!);
    const result = await createCohort(c.var.deps, currentActor(c), { ...parsed.data, moduleIds: ordered });
    if (!result.ok) return page({ programmeId: result.error });
    return c.redirect(`/cohorts/${result.id}?notice=created`, 303);
  });

  app.get('/cohorts/:cohortId', async (c) => {
    const cohort = await cohortOr404(c);
    const actor = currentActor(c);
    const { db } = c.var.deps;
    const plan = await cohortPlan(db, cohort);
    const programmeTitle = plan.programme.title;
    return renderPage(c, {
      title: cohort.name,
      body: (
        <CohortView
          cohort={cohort}
          programmeTitle={programmeTitle}
          slug={plan.slug}
          sessions={plan.sessions}
          members={await cohortMembers(db, cohort.id)}
          showMembers={canSeeCohortMembers(actor, cohort.id)}
          showDetails={canSeeJoiningDetails(actor, cohort.id)}
          manage={canManageCohorts(actor)}
          facilitate={canMarkAttendance(actor, cohort.id)}
          notice={notices[c.req.query('notice') ?? '']}
          newerVersion={canManageCohorts(actor) ? await newerVersion(c, cohort) : null}
        />
      ),
    });
  });

  app.post('/cohorts/:cohortId/move-version', allow(canManageCohorts), async (c) => {
    const cohort = await cohortOr404(c);
    await moveCohortToLatestVersion(c.var.deps, currentActor(c), cohort.id);
    return c.redirect(`/cohorts/${cohort.id}?notice=moved`, 303);
  });

  app.get('/cohorts/:cohortId/sessions/:csId', async (c) => {
    const cohort = await cohortOr404(c);
    const plan = await cohortPlan(c.var.deps.db, cohort);
    const planned = plan.sessions.find((s) => s.id === c.req.param('csId'));
    if (!planned) return c.notFound();
    const actor = currentActor(c);
    return renderPage(c, {
      title: planned.session.title,
      body: (
        <CohortSessionView
          cohort={cohort}
          planned={planned}
          slug={plan.slug}
          showDetails={canSeeJoiningDetails(actor, cohort.id)}
          facilitate={canMarkAttendance(actor, cohort.id)}
        />
      ),
    });
  });

  // Schedule
  app.get('/cohorts/:cohortId/schedule', allow(canManageCohorts), async (c) => {
    const cohort = await cohortOr404(c);
    const { sessions } = await cohortPlan(c.var.deps.db, cohort);
    return renderPage(c, { title: `Schedule for ${cohort.name}`, body: <ScheduleFormView cohort={cohort} sessions={sessions} /> });
  });

  app.post('/cohorts/:cohortId/schedule', allow(canManageCohorts), async (c) => {
    const cohort = await cohortOr404(c);
    const { sessions } = await cohortPlan(c.var.deps.db, cohort);
    const values = formStrings(await c.req.parseBody());
    const errors: FieldErrors = {};
    const entries: ScheduleEntry[] = sessions.map((s) => {
      const raw = (values[`duration_${s.id}`] ?? '').trim();
      const duration = raw === '' ? null : Number(raw);
      if (duration !== null && (!Number.isInteger(duration) || duration < 1 || duration > 1440))
        errors[`duration_${s.id}`] = `${s.session.title}: enter the length in whole minutes, like 120`;
      return {
        cohortSessionId: s.id,
        date: (values[`date_${s.id}`] ?? '').trim(),
        time: (values[`time_${s.id}`] ?? '').trim(),
        durationMinutes: duration,
        place: (values[`place_${s.id}`] ?? '').trim().slice(0, 300),
        bring: (values[`bring_${s.id}`] ?? '').trim().slice(0, 300),
      };
    });
    const result = Object.keys(errors).length ? { ok: false as const, errors } : await saveSchedule(c.var.deps, currentActor(c), cohort.id, entries);
    if (!result.ok) {
      const named = Object.fromEntries(
        Object.entries(result.errors).map(([k, v]) => [
          k,
          k.startsWith('date_') ? `${sessions.find((s) => `date_${s.id}` === k)?.session.title ?? ''}: ${v}` : v,
        ]),
      );
      return renderPage(c, {
        title: `Schedule for ${cohort.name}`,
        status: 422,
        body: <ScheduleFormView cohort={cohort} sessions={sessions} values={values} errors={named} />,
      });
    }
    return c.redirect(`/cohorts/${cohort.id}?notice=scheduled`, 303);
  });

  // Members
  app.get('/cohorts/:cohortId/members', allow(canManageCohorts), async (c) => {
    const cohort = await cohortOr404(c);
    return renderPage(c, {
      title: `Members of ${cohort.name}`,
      body: <MembersView cohort={cohort} members={await cohortMembers(c.var.deps.db, cohort.id)} notice={notices[c.req.query('notice') ?? '']} />,
    });
  });

  app.post('/cohorts/:cohortId/members', allow(canManageCohorts), async (c) => {
    const cohort = await cohortOr404(c);
    const values = formStrings(await c.req.parseBody());
    const page = async (errors: FieldErrors) =>
      renderPage(c, {
        title: `Members of ${cohort.name}`,
        status: 422,
        body: <MembersView cohort={cohort} members={await cohortMembers(c.var.deps.db, cohort.id)} values={values} errors={errors} />,
      });
    const parsed = memberForm.safeParse(values);
    if (!parsed.success) return page(fieldErrors(parsed.error));
    const result = await addMember(c.var.deps, currentActor(c), cohort.id, parsed.data);
    if (!result.ok) return page({ email: result.error });
    return c.redirect(`/cohorts/${cohort.id}/members?notice=${result.outcome}`, 303);
  });

  app.get('/cohorts/:cohortId/import', allow(canManageCohorts), async (c) =>
    renderPage(c, { title: 'Import participants', body: <ImportView cohort={await cohortOr404(c)} /> }),
  );

  app.post('/cohorts/:cohortId/import', allow(canManageCohorts), async (c) => {
    const cohort = await cohortOr404(c);
    const body = await c.req.parseBody();
    const file = body.file;
    const csv = file instanceof File && file.size > 0 ? await file.text() : typeof body.csv === 'string' ? body.csv : '';
    const actor = currentActor(c);
    if (body.confirm === 'yes') {
      const result = await importParticipantsCsv(c.var.deps, actor, cohort.id, csv);
      if (result.ok) return c.redirect(`/cohorts/${cohort.id}/members?notice=imported`, 303);
      return renderPage(c, {
        title: 'Import participants',
        status: 422,
        body: <ImportView cohort={cohort} csv={csv} rows={result.rows} fileProblem={result.fileProblem} />,
      });
    }
    if (!csv.trim())
      return renderPage(c, {
        title: 'Import participants',
        status: 422,
        body: <ImportView cohort={cohort} fileProblem="Choose a CSV file or paste the CSV" />,
      });
    const preview = await previewParticipantsCsv(c.var.deps, actor, cohort.id, csv);
    const bad = preview.fileProblem !== null || preview.rows.some((r) => r.problems.length);
    return renderPage(c, {
      title: 'Import participants',
      status: bad ? 422 : 200,
      body: <ImportView cohort={cohort} csv={csv} rows={preview.rows} fileProblem={preview.fileProblem} />,
    });
  });

  // Attendance
  const registerTarget = async (c: Context<AppEnv>) => {
    const cohort = await cohortOr404(c);
    authorize(canMarkAttendance(c.var.actor, cohort.id));
    const plan = await cohortPlan(c.var.deps.db, cohort);
    const planned = plan.sessions.find((s) => s.id === c.req.param('csId'));
    if (!planned) throw new HTTPException(404);
    const participants = await cohortParticipants(c.var.deps.db, cohort.id);
    return { cohort, planned, participants };
  };

  app.get('/cohorts/:cohortId/sessions/:csId/register', async (c) => {
    const { cohort, planned, participants } = await registerTarget(c);
    return renderPage(c, {
      title: `Register: ${planned.session.title}`,
      body: (
        <RegisterView
          cohort={cohort}
          planned={planned}
          participants={participants}
          marks={await cohortAttendance(c.var.deps.db, cohort.id)}
          saved={c.req.query('saved') === '1'}
        />
      ),
    });
  });

  app.post('/cohorts/:cohortId/sessions/:csId/register', async (c) => {
    const { cohort, planned, participants } = await registerTarget(c);
    const values = formStrings(await c.req.parseBody());
    const marks = participants.flatMap((p) =>
      values[`mark_${p.user_id}`] ? [{ userId: p.user_id, status: values[`mark_${p.user_id}`] as AttendanceStatus }] : [],
    );
    await markAttendance(c.var.deps, currentActor(c), planned.id, marks);
    return c.redirect(`/cohorts/${cohort.id}/sessions/${planned.id}/register?saved=1`, 303);
  });

  app.get('/cohorts/:cohortId/attendance', async (c) => {
    const cohort = await cohortOr404(c);
    authorize(canMarkAttendance(c.var.actor, cohort.id));
    const { db } = c.var.deps;
    const plan = await cohortPlan(db, cohort);
    const participants = await cohortParticipants(db, cohort.id);
    return renderPage(c, {
      title: 'Attendance',
      body: <AttendanceGridView cohort={cohort} sessions={plan.sessions} participants={participants} marks={await cohortAttendance(db, cohort.id)} />,
    });
  });

  // Calendars
  const calendarCohort = async (c: Context<AppEnv>, cohort: Cohort): Promise<CalendarCohort> => {
    const plan = await cohortPlan(c.var.deps.db, cohort);
    return { id: cohort.id, name: cohort.name, venue: cohort.venue, joiningLink: cohort.joining_link, sessions: plan.sessions };
  };
  const ics = (c: Context<AppEnv>, body: string, filename: string) =>
    c.body(body, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': contentDisposition(filename),
      'Cache-Control': 'private, no-store',
    });

  app.get('/cohorts/:cohortId/calendar.ics', async (c) => {
    const cohort = await cohortOr404(c);
    const { deps } = c.var;
    return ics(c, buildCalendar(cohort.name, [await calendarCohort(c, cohort)], deps.config.baseUrl, deps.clock.now()), `${cohort.name}.ics`);
  });

  // The personal feed is fetched by calendar apps that cannot sign in: the secret in its address is the key.
  app.get('/calendar/:token{[A-Za-z0-9_-]+\\.ics}', async (c) => {
    const { db, config, clock } = c.var.deps;
    const token = c.req.param('token').replace(/\.ics$/, '');
    const feed = await db
      .selectFrom('calendar_feeds')
      .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
      .select(['users.id', 'users.status'])
      .where('token_hash', '=', hashSecret(token))
      .executeTakeFirst();
    if (!feed || feed.status !== 'active') return c.notFound();
    const ids = (await db.selectFrom('cohort_members').select('cohort_id').where('user_id', '=', feed.id).execute()).map((r) => r.cohort_id);
    const cohorts: CalendarCohort[] = [];
    for (const id of new Set(ids)) {
      const cohort = await getCohort(db, id);
      if (cohort) cohorts.push(await calendarCohort(c, cohort));
    }
    return ics(c, buildCalendar('Peer Toolbox sessions', cohorts, config.baseUrl, clock.now()), 'peer-toolbox.ics');
  });

  const calendarPage = async (c: Context<AppEnv>, fresh?: string) => {
    const actor = currentActor(c);
    const feed = await c.var.deps.db.selectFrom('calendar_feeds').select('created_at').where('user_id', '=', actor.id).executeTakeFirst();
    return renderPage(c, {
      title: 'Your calendar feed',
      body: (
        <>
          <h1>Your calendar feed</h1>
          <p>Subscribe to this private address in your calendar app to see all your sessions, kept up to date when times change.</p>
          {fresh ? (
            <div class="notice" role="status">
              <p>Copy this address into your calendar app now. For your privacy it is shown only this once.</p>
              <p class="break">
                <code>{`${c.var.deps.config.baseUrl}/calendar/${fresh}.ics`}</code>
              </p>
            </div>
          ) : feed ? (
            <p>You have a feed. If you have lost its address, or shared it by mistake, make a new one: the old address stops working.</p>
          ) : (
            <p>You do not have a feed yet.</p>
          )}
          <form method="post" action="/account/calendar">
            <button type="submit">{feed ? 'Make a new address' : 'Make my feed address'}</button>
          </form>
          {feed ? (
            <form method="post" action="/account/calendar/revoke">
              <button type="submit" class="button-warning">
                Turn off my feed
              </button>
            </form>
          ) : null}
        </>
      ),
    });
  };

  app.get('/account/calendar', (c) => calendarPage(c));

  // The new address is shown in the response, never put in a URL where history or logs could keep it.
  app.post('/account/calendar', requireUser, async (c) => {
    const actor = currentActor(c);
    const { db, clock } = c.var.deps;
    const token = newSecret();
    await db.deleteFrom('calendar_feeds').where('user_id', '=', actor.id).execute();
    await db
      .insertInto('calendar_feeds')
      .values({ user_id: actor.id, token_hash: hashSecret(token), created_at: clock.now().toISOString() })
      .execute();
    return calendarPage(c, token);
  });

  app.post('/account/calendar/revoke', requireUser, async (c) => {
    await c.var.deps.db.deleteFrom('calendar_feeds').where('user_id', '=', currentActor(c).id).execute();
    return c.redirect('/account/calendar', 303);
  });

  return app;
}
