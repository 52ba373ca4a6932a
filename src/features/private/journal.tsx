import { PAGE_SIZE, Pager, pageNumber } from '../../views/pager.tsx';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { ErrorSummary, PostForm, TextArea, TextField, type FieldErrors } from '../../views/form.tsx';
import { currentActor, requireUser } from '../../auth/guards.ts';
import { authorize } from '../../policies/index.ts';
import { canCommentOnHealthItem, canReadHealthItem, type HealthItem } from '../../policies/private.ts';
import { hasCohortRole } from '../../policies/actor.ts';
import { fromDbBool, toDbBool } from '../../db/helpers.ts';
import { recordAudit } from '../../audit/audit.ts';
import { formatDateTime } from '../../lib/format.ts';
import { activeConsents } from './consent.ts';
import { itemViews, participantCohortIds } from './stories.ts';
import { stocktakeQuestions } from './stocktake.tsx';

type ItemType = 'journal' | 'wellbeing' | 'stocktake';

/** Facilitators' comments on a shared item, oldest first. */
export function CommentList({ comments }: { comments: { name: string; text: string; created_at: string }[] }) {
  return (
    <>
      {comments.length === 0 ? <p>No comments yet.</p> : null}
      {comments.map((cm) => (
        <div class="comment">
          <p class="hint">
            {cm.name}, {formatDateTime(cm.created_at)}
          </p>
          <p>{cm.text}</p>
        </div>
      ))}
    </>
  );
}

/** Who has read an item and what facilitators said about it, for its owner. */
export function ViewsAndComments({
  views,
  comments,
}: {
  views: { name: string | null; occurred_at: string }[];
  comments: { name: string; text: string; created_at: string }[];
}) {
  return (
    <>
      <h2>Who has read it</h2>
      {views.length === 0 ? <p>No one but you.</p> : null}
      <ul>
        {views.map((v) => (
          <li>
            {v.name ?? 'Someone no longer here'} read it on {formatDateTime(v.occurred_at)}
          </li>
        ))}
      </ul>
      <h2>Comments</h2>
      <CommentList comments={comments} />
    </>
  );
}

function SharingForm({ action, shared }: { action: string; shared: boolean }) {
  return (
    <>
      <h2>Sharing</h2>
      <p>{shared ? 'Shared with your cohort’s facilitators. They can read it and comment.' : 'Private: only you can read it.'}</p>
      <PostForm action={action}>
        <input type="hidden" name="shared" value={shared ? '' : 'yes'} />
        <button type="submit" class="button-secondary">
          {shared ? 'Make it private' : 'Share with my facilitators'}
        </button>
      </PostForm>
    </>
  );
}

const comments = (c: Context<AppEnv>, type: ItemType, id: string) =>
  c.var.deps.db
    .selectFrom('item_comments')
    .innerJoin('users', 'users.id', 'item_comments.author_id')
    .select(['item_comments.text', 'item_comments.created_at', 'users.name'])
    .where('item_type', '=', type)
    .where('item_id', '=', id)
    .orderBy('item_comments.created_at')
    .execute();

/** The reflective journal and the wellbeing plan: private unless shared, read by facilitators with an audit trail. */
export function journalRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/my/journal', requireUser);
  app.use('/my/journal/*', requireUser);
  app.use('/my/wellbeing', requireUser);
  app.use('/my/wellbeing/*', requireUser);
  app.use('/cohorts/:cohortId/shared-items/*', requireUser);

  const mustConsent = async (c: Context<AppEnv>) => (await activeConsents(c.var.deps.db, currentActor(c).id)).has('keep_writing');

  const sessionsFor = async (c: Context<AppEnv>) =>
    c.var.deps.db
      .selectFrom('cohort_sessions')
      .innerJoin('cohort_members', 'cohort_members.cohort_id', 'cohort_sessions.cohort_id')
      .innerJoin('cohorts', 'cohorts.id', 'cohort_sessions.cohort_id')
      .select(['cohort_sessions.id', 'cohort_sessions.session_id', 'cohort_sessions.starts_at', 'cohorts.name'])
      .where('cohort_members.user_id', '=', currentActor(c).id)
      .where('cohort_members.role', '=', 'participant')
      .orderBy('cohort_sessions.position')
      .execute();

  const journalPage = async (c: Context<AppEnv>, values: Record<string, string> = {}, errors?: FieldErrors) => {
    const actor = currentActor(c);
    // Newest first, a page at a time: someone who writes every day for years still gets a small page.
    const page = pageNumber(c.req.query('page'));
    const rows = await c.var.deps.db
      .selectFrom('journal_entries')
      .select(['id', 'title', 'shared', 'created_at'])
      .where('user_id', '=', actor.id)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(PAGE_SIZE + 1)
      .offset((page - 1) * PAGE_SIZE)
      .execute();
    const entries = rows.slice(0, PAGE_SIZE);
    const sessions = await sessionsFor(c);
    return renderPage(c, {
      title: 'My reflective journal',
      status: errors ? 422 : 200,
      body: (
        <>
          <p class="breadcrumb">
            <a href="/my">My private space</a>
          </p>
          <h1>My reflective journal</h1>
          <ErrorSummary errors={errors} />
          <PostForm action="/my/journal">
            <TextField name="title" label="Title" value={values.title} error={errors?.title} />
            <div class="field">
              <label for="field-session">Linked to a session (optional)</label>
              <select id="field-session" name="session">
                <option value="">Not linked to a session</option>
                {sessions.map((s) => (
                  <option value={s.id} selected={values.session === s.id}>
                    {s.name}: {s.session_id.replace(/^\d+-/, '').replaceAll('-', ' ')}
                  </option>
                ))}
              </select>
            </div>
            <TextArea name="text" label="Reflection" hint="Private unless you share it." rows={10} value={values.text} error={errors?.text} />
            <button type="submit">Save entry</button>
          </PostForm>
          <h2>Entries</h2>
          {entries.length === 0 ? <p>{page === 1 ? 'No entries yet.' : 'No entries on this page.'}</p> : null}
          <ul>
            {entries.map((e) => (
              <li>
                <a href={`/my/journal/${e.id}`}>{e.title}</a>{' '}
                <span class="hint">
                  {formatDateTime(e.created_at)} · {fromDbBool(e.shared) ? 'Shared' : 'Private'}
                </span>
              </li>
            ))}
          </ul>
          <Pager path="/my/journal" page={page} hasOlder={rows.length > PAGE_SIZE} label="Journal pages" />
        </>
      ),
    });
  };

  app.get('/my/journal', async (c) => ((await mustConsent(c)) ? journalPage(c) : c.redirect('/my/consent', 303)));

  app.post('/my/journal', async (c) => {
    if (!(await mustConsent(c))) return c.redirect('/my/consent', 303);
    const body = await c.req.parseBody();
    const values = { title: String(body.title ?? '').trim(), text: String(body.text ?? ''), session: String(body.session ?? '') };
    const errors: FieldErrors = {};
    if (!values.title) errors.title = 'Give the entry a title';
    if (!values.text.trim()) errors.text = 'Write something before saving';
    if (values.text.length > 20_000) errors.text = 'An entry must be 20,000 characters or fewer';
    if (values.session && !(await sessionsFor(c)).some((s) => s.id === values.session)) errors.session = 'Choose one of your sessions';
    if (Object.keys(errors).length) return journalPage(c, values, errors);
    const now = c.var.deps.clock.now().toISOString();
    const id = crypto.randomUUID();
    await c.var.deps.db
      .insertInto('journal_entries')
      .values({
        id,
        user_id: currentActor(c).id,
        cohort_session_id: values.session || null,
        title: values.title.slice(0, 200),
        text: values.text,
        shared: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return c.redirect(`/my/journal/${id}`, 303);
  });

  const ownEntry = async (c: Context<AppEnv>) => {
    const e = await c.var.deps.db
      .selectFrom('journal_entries')
      .selectAll()
      .where('id', '=', c.req.param('entryId') ?? '')
      .executeTakeFirst();
    if (!e || e.user_id !== currentActor(c).id) throw new HTTPException(404);
    return e;
  };

  app.get('/my/journal/:entryId', async (c) => {
    const e = await ownEntry(c);
    return renderPage(c, {
      title: e.title,
      body: (
        <>
          <p class="breadcrumb">
            <a href="/my/journal">My reflective journal</a>
          </p>
          <h1>{e.title}</h1>
          <p class="hint">{formatDateTime(e.created_at)}</p>
          <div class="mail-body">{e.text}</div>
          <SharingForm action={`/my/journal/${e.id}/sharing`} shared={fromDbBool(e.shared)} />
          <ViewsAndComments views={await itemViews(c.var.deps.db, 'journal', e.id)} comments={await comments(c, 'journal', e.id)} />
        </>
      ),
    });
  });

  app.post('/my/journal/:entryId/sharing', async (c) => {
    const e = await ownEntry(c);
    const share = (await c.req.parseBody()).shared === 'yes';
    if (share && !(await activeConsents(c.var.deps.db, e.user_id)).has('share_with_facilitators')) return c.redirect('/my/consent', 303);
    await c.var.deps.db
      .updateTable('journal_entries')
      .set({ shared: toDbBool(share) })
      .where('id', '=', e.id)
      .execute();
    return c.redirect(`/my/journal/${e.id}`, 303);
  });

  const FIELDS = [
    ['keepsMeWell', 'keeps_me_well', 'What keeps me well'],
    ['earlySigns', 'early_signs', 'Early signs that I am not so well'],
    ['whatHelps', 'what_helps', 'What helps then'],
    ['whoToContact', 'who_to_contact', 'Who to contact'],
  ] as const;

  app.get('/my/wellbeing', async (c) => {
    if (!(await mustConsent(c))) return c.redirect('/my/consent', 303);
    const actor = currentActor(c);
    const plan = await c.var.deps.db.selectFrom('wellbeing_plans').selectAll().where('user_id', '=', actor.id).executeTakeFirst();
    return renderPage(c, {
      title: 'My wellbeing plan',
      body: (
        <>
          <p class="breadcrumb">
            <a href="/my">My private space</a>
          </p>
          <h1>My wellbeing plan</h1>
          <p>This is optional. Write as much or as little as helps you.</p>
          <PostForm action="/my/wellbeing">
            {FIELDS.map(([name, column, label]) => (
              <TextArea name={name} label={label} rows={4} value={plan?.[column] ?? ''} />
            ))}
            <button type="submit">Save plan</button>
          </PostForm>
          {plan ? (
            <>
              <SharingForm action="/my/wellbeing/sharing" shared={fromDbBool(plan.shared)} />
              <ViewsAndComments views={await itemViews(c.var.deps.db, 'wellbeing', actor.id)} comments={await comments(c, 'wellbeing', actor.id)} />
            </>
          ) : null}
        </>
      ),
    });
  });

  app.post('/my/wellbeing', async (c) => {
    if (!(await mustConsent(c))) return c.redirect('/my/consent', 303);
    const body = await c.req.parseBody();
    const v = (k: string) => String(body[k] ?? '').slice(0, 5000);
    const now = c.var.deps.clock.now().toISOString();
    const row = {
      keeps_me_well: v('keepsMeWell'),
      early_signs: v('earlySigns'),
      what_helps: v('whatHelps'),
      who_to_contact: v('whoToContact'),
      updated_at: now,
    };
    await c.var.deps.db
      .insertInto('wellbeing_plans')
      .values({ user_id: currentActor(c).id, ...row, shared: 0 })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(row))
      .execute();
    return c.redirect('/my/wellbeing', 303);
  });

  app.post('/my/wellbeing/sharing', async (c) => {
    const actor = currentActor(c);
    const share = (await c.req.parseBody()).shared === 'yes';
    if (share && !(await activeConsents(c.var.deps.db, actor.id)).has('share_with_facilitators')) return c.redirect('/my/consent', 303);
    await c.var.deps.db
      .updateTable('wellbeing_plans')
      .set({ shared: toDbBool(share) })
      .where('user_id', '=', actor.id)
      .execute();
    return c.redirect('/my/wellbeing', 303);
  });

  // Facilitators reading shared journal entries and plans: every read audited for the owner to see.
  const sharedItem = async (c: Context<AppEnv>): Promise<{ type: ItemType; id: string; ownerId: string; title: string; body: Child; item: HealthItem }> => {
    const { db } = c.var.deps;
    const type = c.req.param('type') as ItemType;
    const id = c.req.param('itemId') ?? '';
    if (type === 'journal') {
      const e = await db.selectFrom('journal_entries').selectAll().where('id', '=', id).executeTakeFirst();
      if (!e) throw new HTTPException(404);
      return {
        type,
        id,
        ownerId: e.user_id,
        title: e.title,
        body: <div class="mail-body">{e.text}</div>,
        item: { ownerId: e.user_id, shared: fromDbBool(e.shared), ownerCohortIds: await participantCohortIds(db, e.user_id) },
      };
    }
    if (type === 'wellbeing') {
      const p = await db.selectFrom('wellbeing_plans').selectAll().where('user_id', '=', id).executeTakeFirst();
      if (!p) throw new HTTPException(404);
      return {
        type,
        id,
        ownerId: p.user_id,
        title: 'Wellbeing plan',
        body: (
          <dl class="summary-list">
            {FIELDS.map(([, column, label]) => (
              <div>
                <dt>{label}</dt>
                <dd class="diff">{p[column]}</dd>
              </div>
            ))}
          </dl>
        ),
        item: { ownerId: p.user_id, shared: fromDbBool(p.shared), ownerCohortIds: await participantCohortIds(db, p.user_id) },
      };
    }
    if (type === 'stocktake') {
      const st = await db.selectFrom('stocktakes').selectAll().where('id', '=', id).executeTakeFirst();
      if (!st) throw new HTTPException(404);
      const questions = await stocktakeQuestions(c, st.cohort_id);
      const answers = JSON.parse(st.answers_json) as Record<string, string>;
      return {
        type,
        id,
        ownerId: st.user_id,
        title: 'Personal stocktake',
        body: (
          <dl class="summary-list">
            {questions.map((q) => (
              <div>
                <dt>{q.text}</dt>
                <dd class="diff">{answers[q.id] ?? ''}</dd>
              </div>
            ))}
          </dl>
        ),
        item: { ownerId: st.user_id, shared: fromDbBool(st.shared), ownerCohortIds: await participantCohortIds(db, st.user_id) },
      };
    }
    throw new HTTPException(404);
  };

  app.get('/cohorts/:cohortId/shared-items/:type/:itemId', async (c) => {
    const actor = currentActor(c);
    const it = await sharedItem(c);
    authorize(it.ownerId !== actor.id && canReadHealthItem(actor, it.item) && hasCohortRole(actor, c.req.param('cohortId'), 'facilitator'));
    const { db, clock } = c.var.deps;
    await recordAudit(db, clock, { action: 'health_data_viewed', actorUserId: actor.id, subjectUserId: it.ownerId, targetType: it.type, targetId: it.id });
    const owner = await db.selectFrom('users').select('name').where('id', '=', it.ownerId).executeTakeFirstOrThrow();
    return renderPage(c, {
      title: it.title,
      body: (
        <>
          <p class="breadcrumb">
            <a href={`/cohorts/${c.req.param('cohortId')}/shared`}>Shared with you</a>
          </p>
          <h1>{it.title}</h1>
          <p class="hint">By {owner.name}. They can see that you read it.</p>
          {it.body}
          <h2>Comments</h2>
          <CommentList comments={await comments(c, it.type, it.id)} />
          <PostForm action={`/cohorts/${c.req.param('cohortId')}/shared-items/${it.type}/${it.id}/comments`}>
            <TextArea name="text" label="Add a comment" rows={4} />
            <button type="submit">Add comment</button>
          </PostForm>
        </>
      ),
    });
  });

  app.post('/cohorts/:cohortId/shared-items/:type/:itemId/comments', async (c) => {
    const actor = currentActor(c);
    const it = await sharedItem(c);
    authorize(canCommentOnHealthItem(actor, it.item));
    const text = String((await c.req.parseBody()).text ?? '')
      .trim()
      .slice(0, 5000);
    if (text) {
      await c.var.deps.db
        .insertInto('item_comments')
        .values({
          id: crypto.randomUUID(),
          item_type: it.type,
          item_id: it.id,
          owner_id: it.ownerId,
          author_id: actor.id,
          text,
          created_at: c.var.deps.clock.now().toISOString(),
        })
        .execute();
    }
    return c.redirect(`/cohorts/${c.req.param('cohortId')}/shared-items/${it.type}/${it.id}`, 303);
  });

  return app;
}
