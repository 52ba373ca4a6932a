import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { fieldErrors, formStrings, type FieldErrors, type FormValues } from '../../views/form.tsx';
import { allow, currentActor, requireUser } from '../../auth/guards.ts';
import { canManageCohorts, canMarkAttendance, canSeeCohortMembers, canSeeJoiningDetails } from '../../policies/cohorts.ts';
import { canIssueCertificates } from '../../policies/certificates.ts';
import { chosenModules, cohortForm, datesInOrder, memberForm, scheduleForm } from './forms.ts';
import { cohortMembers, cohortOverview, cohortPlan, listCohortsFor, modulesWithoutSessions, programmeChoices, type Cohort } from './queries.ts';
import { addMember, createCohort, importParticipantsCsv, moveCohortToLatestVersion, previewParticipantsCsv, saveSchedule } from './commands.ts';
import { buildCalendar, calendarCohort } from './calendar/ics.ts';
import { icsResponse } from './calendar/routes.tsx';
import { visibleCohortOr404 } from './visible.ts';
import { uploadedCsv } from './csv.ts';
import { CohortListView, CohortSessionView, CohortView, ImportView, MembersView, NewCohortView, ScheduleFormView } from './views.tsx';

const notices: Record<string, string> = {
  created: 'Cohort created. Next, set the schedule and add members.',
  scheduled: 'Schedule saved.',
  added: 'Added to the cohort. They have been emailed.',
  invited: 'Invitation sent. They join the cohort when they accept it.',
  imported: 'Participants imported. Everyone new has been sent an invitation.',
  moved: 'The cohort now follows the latest published versions of its programmes.',
};
const noticeOf = (c: Context<AppEnv>) => notices[c.req.query('notice') ?? ''];

/** Cohorts at /cohorts: creating and planning them, the cohort page, members, CSV import, schedule and the cohort's calendar. */
export function cohortRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  app.get('/', async (c) => {
    const actor = currentActor(c);
    return renderPage(c, {
      title: 'Cohorts',
      body: <CohortListView cohorts={await listCohortsFor(c.var.deps.db, actor)} canCreate={canManageCohorts(actor)} />,
    });
  });

  const newCohortPage = async (c: Context<AppEnv>, values: FormValues, modules?: string[], errors?: FieldErrors) =>
    renderPage(c, {
      title: 'Create a cohort',
      status: errors ? 422 : 200,
      body: <NewCohortView programmes={await programmeChoices(c.var.deps.db)} values={values} modules={modules} errors={errors} />,
    });

  app.get('/new', allow(canManageCohorts), (c) => newCohortPage(c, {}));

  app.post('/new', allow(canManageCohorts), async (c) => {
    const body = await c.req.parseBody({ all: true });
    const values = formStrings(body);
    const ticked = ([] as unknown[]).concat(body.modules ?? []).filter((m): m is string => typeof m === 'string');
    const parsed = cohortForm.safeParse(values);
    const modules = chosenModules(body.modules, values);
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    if (!errors.endsOn && !datesInOrder(values.startsOn, values.endsOn)) errors.endsOn = 'The end date must be on or after the start date';
    if (!modules) errors.modules = 'Tick modules from the list';
    else if (modules.length === 0) errors.modules = 'Tick at least one module';
    if (!parsed.success || !modules || Object.keys(errors).length) return newCohortPage(c, values, ticked, errors);
    const result = await createCohort(c.var.deps, currentActor(c), { ...parsed.data, modules });
    if (!result.ok) return newCohortPage(c, values, ticked, { [result.field]: result.error });
    return c.redirect(`/cohorts/${result.id}?notice=created`, 303);
  });

  app.get('/:cohortId', async (c) => {
    const cohort = await visibleCohortOr404(c);
    const actor = currentActor(c);
    const manage = canManageCohorts(actor);
    const overview = await cohortOverview(c.var.deps.db, cohort, manage);
    return renderPage(c, {
      title: cohort.name,
      body: (
        <CohortView
          cohort={cohort}
          {...overview}
          showMembers={canSeeCohortMembers(actor, cohort.id)}
          showDetails={canSeeJoiningDetails(actor, cohort.id)}
          manage={manage}
          facilitate={canMarkAttendance(actor, cohort.id)}
          notice={noticeOf(c)}
          issueCertificates={canIssueCertificates(actor)}
        />
      ),
    });
  });

  app.post('/:cohortId/move-version', allow(canManageCohorts), async (c) => {
    const cohort = await visibleCohortOr404(c);
    await moveCohortToLatestVersion(c.var.deps, currentActor(c), cohort.id);
    return c.redirect(`/cohorts/${cohort.id}?notice=moved`, 303);
  });

  app.get('/:cohortId/sessions/:csId', async (c) => {
    const cohort = await visibleCohortOr404(c);
    const planned = (await cohortPlan(c.var.deps.db, cohort)).sessions.find((s) => s.id === c.req.param('csId'));
    if (!planned) return c.notFound();
    const actor = currentActor(c);
    return renderPage(c, {
      title: planned.session.title,
      body: (
        <CohortSessionView
          cohort={cohort}
          planned={planned}
          showDetails={canSeeJoiningDetails(actor, cohort.id)}
          facilitate={canMarkAttendance(actor, cohort.id)}
        />
      ),
    });
  });

  // Schedule
  const schedulePage = async (c: Context<AppEnv>, cohort: Cohort, values?: FormValues, errors?: FieldErrors) => {
    const plan = await cohortPlan(c.var.deps.db, cohort);
    return renderPage(c, {
      title: `Schedule for ${cohort.name}`,
      status: errors ? 422 : 200,
      body: <ScheduleFormView cohort={cohort} sessions={plan.sessions} emptyModules={modulesWithoutSessions(plan)} values={values} errors={errors} />,
    });
  };

  app.get('/:cohortId/schedule', allow(canManageCohorts), async (c) => schedulePage(c, await visibleCohortOr404(c)));

  app.post('/:cohortId/schedule', allow(canManageCohorts), async (c) => {
    const cohort = await visibleCohortOr404(c);
    const { sessions } = await cohortPlan(c.var.deps.db, cohort);
    const values = formStrings(await c.req.parseBody());
    const parsed = scheduleForm(
      values,
      sessions.map((s) => ({ id: s.id, title: s.session.title })),
    );
    if (!parsed.ok) return schedulePage(c, cohort, values, parsed.errors);
    const result = await saveSchedule(c.var.deps, currentActor(c), cohort.id, parsed.entries);
    if (!result.ok) {
      const titled = Object.fromEntries(
        Object.entries(result.errors).map(([k, v]) => [k, `${sessions.find((s) => `date_${s.id}` === k)?.session.title ?? 'A session'}: ${v}`]),
      );
      return schedulePage(c, cohort, values, titled);
    }
    return c.redirect(`/cohorts/${cohort.id}?notice=scheduled`, 303);
  });

  // Members
  const membersPage = async (c: Context<AppEnv>, cohort: Cohort, values?: FormValues, errors?: FieldErrors) =>
    renderPage(c, {
      title: `Members of ${cohort.name}`,
      status: errors ? 422 : 200,
      body: <MembersView cohort={cohort} members={await cohortMembers(c.var.deps.db, cohort.id)} values={values} errors={errors} notice={noticeOf(c)} />,
    });

  app.get('/:cohortId/members', allow(canManageCohorts), async (c) => membersPage(c, await visibleCohortOr404(c)));

  app.post('/:cohortId/members', allow(canManageCohorts), async (c) => {
    const cohort = await visibleCohortOr404(c);
    const values = formStrings(await c.req.parseBody());
    const parsed = memberForm.safeParse(values);
    if (!parsed.success) return membersPage(c, cohort, values, fieldErrors(parsed.error));
    const result = await addMember(c.var.deps, currentActor(c), cohort.id, parsed.data);
    if (!result.ok) return membersPage(c, cohort, values, { email: result.error });
    return c.redirect(`/cohorts/${cohort.id}/members?notice=${result.outcome}`, 303);
  });

  // CSV import: a first post checks the file and shows every row; a second, confirmed, imports all or nothing.
  app.get('/:cohortId/import', allow(canManageCohorts), async (c) =>
    renderPage(c, { title: 'Import participants', body: <ImportView cohort={await visibleCohortOr404(c)} /> }),
  );

  app.post('/:cohortId/import', allow(canManageCohorts), async (c) => {
    const cohort = await visibleCohortOr404(c);
    const body = await c.req.parseBody();
    // A file is cleaned as typed text is; the app cleans only the form's text fields.
    const upload = body.file instanceof File && body.file.size > 0 ? await uploadedCsv(body.file) : null;
    const csv = upload?.text ?? (typeof body.csv === 'string' ? body.csv : '');
    const actor = currentActor(c);
    const page = (status: 200 | 422, view: Parameters<typeof ImportView>[0]) =>
      renderPage(c, { title: 'Import participants', status, body: <ImportView fileName={upload?.fileName} {...view} /> });
    if (body.confirm === 'yes') {
      const result = await importParticipantsCsv(c.var.deps, actor, cohort.id, csv);
      if (result.ok) return c.redirect(`/cohorts/${cohort.id}/members?notice=imported`, 303);
      return page(422, { cohort, csv, rows: result.rows, fileProblem: result.fileProblem });
    }
    if (!csv.trim()) return page(422, { cohort, fileProblem: 'Choose a CSV file or paste the CSV' });
    const preview = await previewParticipantsCsv(c.var.deps, actor, cohort.id, csv);
    const bad = preview.fileProblem !== null || preview.rows.some((r) => r.problems.length);
    return page(bad ? 422 : 200, { cohort, csv, rows: preview.rows, fileProblem: preview.fileProblem });
  });

  app.get('/:cohortId/calendar.ics', async (c) => {
    const cohort = await visibleCohortOr404(c);
    const { deps } = c.var;
    const { sessions } = await cohortPlan(deps.db, cohort);
    return icsResponse(c, buildCalendar(cohort.name, [calendarCohort(cohort, sessions)], deps.config.baseUrl, deps.clock.now()), `${cohort.name}.ics`);
  });

  return app;
}
