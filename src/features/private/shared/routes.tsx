import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { fieldErrors, formStrings, type FieldErrors, type FormValues } from '../../../views/form.tsx';
import { currentActor, requireUser } from '../../../auth/guards.ts';
import { authorize, canSeeSharedWithCohort } from '../../../policies/index.ts';
import { commentForm } from '../forms.ts';
import { itemComments } from '../queries.ts';
import type { HealthItemRef } from '../health-reads.ts';
import { sharedWithCohort } from './queries.ts';
import { addComment, readSharedItem, type CommentableKind } from './commands.ts';
import { sharedItemPath, SharedItemView, SharedListView } from './views.tsx';

const KINDS: readonly string[] = ['journal', 'wellbeing', 'stocktake'] satisfies CommentableKind[];

/** Reads an item of this cohort's through the one read path (checked and recorded for the owner) and shows it. */
async function itemPage(c: Context<AppEnv>, ref: HealthItemRef<CommentableKind>, values?: FormValues, errors?: FieldErrors) {
  const cohortId = c.req.param('cohortId') ?? '';
  const item = await readSharedItem(c.var.deps, currentActor(c), cohortId, ref);
  const comments = await itemComments(c.var.deps.db, ref.kind, item.id);
  const body = <SharedItemView cohortId={cohortId} item={item} comments={comments} values={values} errors={errors} />;
  return renderPage(c, { title: item.title, status: errors ? 422 : 200, body });
}

async function comment(c: Context<AppEnv>, ref: HealthItemRef<CommentableKind>) {
  // Only the cohort's facilitators comment; anyone else is refused before their form is even read.
  authorize(canSeeSharedWithCohort(currentActor(c), c.req.param('cohortId') ?? ''));
  const values = formStrings(await c.req.parseBody());
  const parsed = commentForm.safeParse(values);
  if (!parsed.success) return itemPage(c, ref, values, fieldErrors(parsed.error));
  await addComment(c.var.deps, currentActor(c), c.req.param('cohortId') ?? '', ref, parsed.data.text);
  return c.redirect(sharedItemPath(c.req.param('cohortId') ?? '', ref), 303);
}

/** Facilitators: the list of what a cohort's participants share, and shared stories, at /cohorts/:cohortId/shared. */
export function sharedRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  app.get('/', async (c) => {
    const cohortId = c.req.param('cohortId') ?? '';
    const actor = currentActor(c);
    authorize(canSeeSharedWithCohort(actor, cohortId));
    return renderPage(c, {
      title: 'Shared with you',
      body: <SharedListView cohortId={cohortId} items={await sharedWithCohort(c.var.deps.db, actor, cohortId)} />,
    });
  });

  app.get('/:storyId', (c) => itemPage(c, { kind: 'story', id: c.req.param('storyId') }));
  app.post('/:storyId/comments', (c) => comment(c, { kind: 'story', id: c.req.param('storyId') }));

  return app;
}

/** Facilitators: shared journal entries, wellbeing plans and stocktakes, at /cohorts/:cohortId/shared-items/:kind/:id. */
export function sharedItemRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  const ref = (c: Context<AppEnv>): HealthItemRef<CommentableKind> => {
    const kind = c.req.param('kind') ?? '';
    if (!KINDS.includes(kind)) throw new HTTPException(404);
    return { kind: kind as CommentableKind, id: c.req.param('itemId') ?? '' };
  };

  app.get('/:kind/:itemId', (c) => itemPage(c, ref(c)));
  app.post('/:kind/:itemId/comments', (c) => comment(c, ref(c)));

  return app;
}
