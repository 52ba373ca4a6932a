import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { PostForm, TextArea } from '../../views/form.tsx';
import { currentActor, requireUser } from '../../auth/guards.ts';
import { fromDbBool, toDbBool } from '../../db/helpers.ts';
import { cohortPlan, getCohort } from '../cohorts/queries.ts';
import { activeConsents } from './consent.ts';
import { itemViews } from './stories.ts';

/** The stocktake questions for a cohort: those of its programme version's pre-programme module. */
export async function stocktakeQuestions(c: Context<AppEnv>, cohortId: string) {
  const cohort = await getCohort(c.var.deps.db, cohortId);
  if (!cohort) return [];
  const plan = await cohortPlan(c.var.deps.db, cohort);
  return plan.programme.modules.filter((m) => m.preProgramme).flatMap((m) => m.stocktake);
}

/** The personal stocktake: private by default, shared with facilitators only if the participant chooses. */
export function stocktakeRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/my/stocktake', requireUser);
  app.use('/my/stocktake/*', requireUser);

  const own = async (c: Context<AppEnv>) => {
    const actor = currentActor(c);
    const cohortId = c.req.param('cohortId') ?? '';
    if (!actor.cohortRoles.some((g) => g.cohortId === cohortId && g.role === 'participant')) throw new HTTPException(404);
    const questions = await stocktakeQuestions(c, cohortId);
    const row = await c.var.deps.db.selectFrom('stocktakes').selectAll().where('user_id', '=', actor.id).where('cohort_id', '=', cohortId).executeTakeFirst();
    return { actor, cohortId, questions, row, answers: (row ? JSON.parse(row.answers_json) : {}) as Record<string, string> };
  };

  app.get('/my/stocktake/:cohortId', async (c) => {
    const { cohortId, questions, row, answers } = await own(c);
    if (!(await activeConsents(c.var.deps.db, currentActor(c).id)).has('keep_writing')) return c.redirect('/my/consent', 303);
    return renderPage(c, {
      title: 'My personal stocktake',
      body: (
        <>
          <p class="breadcrumb">
            <a href="/my">My private space</a>
          </p>
          <h1>My personal stocktake</h1>
          <p>A private look at where you are now, before the programme. Only you can read it unless you share it.</p>
          {questions.length === 0 ? (
            <p>The programme team has not written the stocktake questions yet.</p>
          ) : (
            <PostForm action={`/my/stocktake/${cohortId}`}>
              {questions.map((q) => (
                <TextArea name={`q_${q.id}`} id={`field-q_${q.id}`} label={q.text} rows={4} value={answers[q.id] ?? ''} />
              ))}
              <button type="submit">Save my stocktake</button>
            </PostForm>
          )}
          {row ? (
            <>
              <h2>Sharing</h2>
              <p>{fromDbBool(row.shared) ? 'Shared with your facilitators.' : 'Private: only you can read it.'}</p>
              <PostForm action={`/my/stocktake/${cohortId}/sharing`}>
                <input type="hidden" name="shared" value={fromDbBool(row.shared) ? '' : 'yes'} />
                <button type="submit" class="button-secondary">
                  {fromDbBool(row.shared) ? 'Make it private' : 'Share with my facilitators'}
                </button>
              </PostForm>
              <h2>Who has read it</h2>
              <ul>
                {(await itemViews(c.var.deps.db, 'stocktake', row.id)).map((v) => (
                  <li>
                    {v.name} read it on {v.occurred_at.slice(0, 10)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ),
    });
  });

  app.post('/my/stocktake/:cohortId', async (c) => {
    const { actor, cohortId, questions, row } = await own(c);
    if (!(await activeConsents(c.var.deps.db, actor.id)).has('keep_writing')) return c.redirect('/my/consent', 303);
    const body = await c.req.parseBody();
    const answers = Object.fromEntries(questions.map((q) => [q.id, String(body[`q_${q.id}`] ?? '').slice(0, 5000)]));
    const now = c.var.deps.clock.now().toISOString();
    if (row)
      await c.var.deps.db
        .updateTable('stocktakes')
        .set({ answers_json: JSON.stringify(answers), updated_at: now })
        .where('id', '=', row.id)
        .execute();
    else
      await c.var.deps.db
        .insertInto('stocktakes')
        .values({ id: crypto.randomUUID(), user_id: actor.id, cohort_id: cohortId, answers_json: JSON.stringify(answers), shared: 0, updated_at: now })
        .execute();
    return c.redirect(`/my/stocktake/${cohortId}`, 303);
  });

  app.post('/my/stocktake/:cohortId/sharing', async (c) => {
    const { actor, row, cohortId } = await own(c);
    const share = (await c.req.parseBody()).shared === 'yes';
    if (!row) return c.redirect(`/my/stocktake/${cohortId}`, 303);
    if (share && !(await activeConsents(c.var.deps.db, actor.id)).has('share_with_facilitators')) return c.redirect('/my/consent', 303);
    await c.var.deps.db
      .updateTable('stocktakes')
      .set({ shared: toDbBool(share) })
      .where('id', '=', row.id)
      .execute();
    return c.redirect(`/my/stocktake/${cohortId}`, 303);
  });

  return app;
}
