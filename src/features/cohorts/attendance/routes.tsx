import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { formStrings } from '../../../views/form.tsx';
import { currentActor, requireUser } from '../../../auth/guards.ts';
import { authorize } from '../../../policies/index.ts';
import { canMarkAttendance } from '../../../policies/cohorts.ts';
import { visibleCohortOr404 } from '../visible.ts';
import { attendanceGrid, sessionRegister } from './queries.ts';
import { markAttendance } from './commands.ts';
import { registerForm } from './forms.ts';
import { hasStarted } from './model.ts';
import { AttendanceGridView, notStartedMessage, RegisterView } from './views.tsx';

/** The cohort whose attendance is asked for, once the person is known to be one who may mark it. */
async function markableCohort(c: Context<AppEnv>) {
  const cohort = await visibleCohortOr404(c);
  authorize(canMarkAttendance(c.var.actor, cohort.id));
  return cohort;
}

/** The attendance grid of a cohort, at /cohorts/:cohortId/attendance. */
export function attendanceGridRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  app.get('/', async (c) => {
    const cohort = await markableCohort(c);
    const grid = await attendanceGrid(c.var.deps.db, cohort, c.var.deps.clock.now());
    return renderPage(c, { title: 'Attendance', body: <AttendanceGridView cohort={cohort} grid={grid} /> });
  });

  return app;
}

/** One session's register, at /cohorts/:cohortId/sessions/:csId/register. */
export function registerRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  const target = async (c: Context<AppEnv>) => {
    const cohort = await markableCohort(c);
    const register = await sessionRegister(c.var.deps.db, cohort, c.req.param('csId') ?? '');
    if (!register) throw new HTTPException(404);
    return { cohort, ...register, started: hasStarted(register.planned, c.var.deps.clock.now()) };
  };

  app.get('/', async (c) => {
    const r = await target(c);
    return renderPage(c, { title: `Register: ${r.planned.session.title}`, body: <RegisterView {...r} saved={c.req.query('saved') === '1'} /> });
  });

  app.post('/', async (c) => {
    const r = await target(c);
    const values = formStrings(await c.req.parseBody());
    const page = (errors: Record<string, string>) =>
      renderPage(c, {
        title: `Register: ${r.planned.session.title}`,
        status: 422,
        body: <RegisterView {...r} saved={false} values={values} errors={errors} />,
      });
    const parsed = registerForm(values, r.participants);
    if (!parsed.ok) return page(parsed.errors);
    const result = await markAttendance(c.var.deps, currentActor(c), r.planned.id, parsed.marks);
    if (!result.ok) return page({ register: notStartedMessage(r.cohort, r.planned) });
    return c.redirect(`/cohorts/${r.cohort.id}/sessions/${r.planned.id}/register?saved=1`, 303);
  });

  return app;
}
