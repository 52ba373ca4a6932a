import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { fieldErrors, formStrings, type FieldErrors, type FormValues } from '../../../views/form.tsx';
import { currentActor, requireUser } from '../../../auth/guards.ts';
import { authorize, canRecordReadinessConversation } from '../../../policies/index.ts';
import { readHealthItems } from '../health-reads.ts';
import { conversationIds, ownConversations, readinessGuidance, readinessTarget, type ReadinessTarget } from './queries.ts';
import { recordConversation } from './commands.ts';
import { readinessForm } from './forms.ts';
import { OwnReadinessView, ReadinessFormView } from './views.tsx';

async function target(c: Context<AppEnv>): Promise<ReadinessTarget> {
  const cohortId = c.req.param('cohortId') ?? '';
  authorize(canRecordReadinessConversation(c.var.actor, cohortId));
  const found = await readinessTarget(c.var.deps.db, cohortId, c.req.param('userId') ?? '');
  if (!found) throw new HTTPException(404);
  return found;
}

async function formPage(c: Context<AppEnv>, t: ReadinessTarget, values?: FormValues, errors?: FieldErrors) {
  const { deps } = c.var;
  const earlier = await readHealthItems(deps, currentActor(c), 'readiness', await conversationIds(deps.db, t));
  return renderPage(c, {
    title: `Readiness conversation with ${t.participant.name}`,
    status: errors ? 422 : 200,
    body: (
      <ReadinessFormView
        target={t}
        guidance={await readinessGuidance(deps.db, t)}
        earlier={earlier.map((r) => r.conversation)}
        values={values}
        errors={errors}
      />
    ),
  });
}

/** A facilitator records a readiness conversation, at /cohorts/:cohortId/readiness/:userId: a minimal outcome and a note the participant sees. */
export function readinessRecordRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  app.get('/:userId', async (c) => formPage(c, await target(c)));

  app.post('/:userId', async (c) => {
    const t = await target(c);
    const values = formStrings(await c.req.parseBody());
    const parsed = readinessForm.safeParse(values);
    if (!parsed.success) return formPage(c, t, values, fieldErrors(parsed.error));
    await recordConversation(c.var.deps, currentActor(c), t, parsed.data);
    return c.redirect(`/cohorts/${t.cohort.id}`, 303);
  });

  return app;
}

/** The participant's own readiness conversations, at /my/readiness. */
export function ownReadinessRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);
  app.get('/', async (c) =>
    renderPage(c, { title: 'Readiness conversations', body: <OwnReadinessView conversations={await ownConversations(c.var.deps.db, currentActor(c).id)} /> }),
  );
  return app;
}
