import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { zipSync, strToU8 } from 'fflate';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { ErrorSummary, PostForm, TextArea, TextField, type FieldErrors } from '../../views/form.tsx';
import { currentActor, requireUser } from '../../auth/guards.ts';
import { authorize } from '../../policies/index.ts';
import { canCommentOnHealthItem } from '../../policies/private.ts';
import { hasCohortRole } from '../../policies/actor.ts';
import { fromDbBool } from '../../db/helpers.ts';
import { recordAudit } from '../../audit/audit.ts';
import { formatDateTime } from '../../lib/format.ts';
import { contentDisposition } from '../../lib/file-check.ts';
import { CONSENT_PURPOSES, activeConsents, agreedVersions, currentConsentTexts, saveConsentText, setConsents, type ConsentPurpose } from './consent.ts';
import { canEditConsentTexts } from '../../policies/private.ts';
import { allow } from '../../auth/guards.ts';
import { requireWriter } from './resume.ts';
import { CommentList, ViewsAndComments } from './journal.tsx';
import { exportPersonalData, exportHtml } from './export.ts';
import {
  STORY_MAX,
  createStory,
  getStory,
  healthItem,
  listOwnStories,
  readSharedStory,
  saveStory,
  setStorySharing,
  storyComments,
  storyText,
  storyVersions,
  storyViews,
  unshareEverything,
  type Story,
} from './stories.ts';

const PROMPTS = [
  'What is this story for? Who is it for?',
  'What do you want to leave out? You do not have to share everything.',
  'Leave out the names of other people.',
  'Leave out any detail of methods of self-harm or suicide.',
];

const notices: Record<string, string> = {
  saved: 'Saved.',
  resumed: 'You were signed out while writing. What you wrote has been saved.',
  restored: 'That earlier version is now the newest version.',
  shared: 'Shared with your cohort’s facilitators.',
  private: 'This story is private again. Your facilitators can no longer read it.',
  consent: 'Your choices have been saved.',
};

function Notice({ code }: { code: string | undefined }) {
  const text = code ? notices[code] : undefined;
  return text ? (
    <div class="notice" role="status">
      <p>{text}</p>
    </div>
  ) : null;
}

async function ownStory(c: Context<AppEnv>): Promise<Story> {
  const story = await getStory(c.var.deps.db, c.req.param('storyId') ?? '');
  // Someone else's story answers as if it did not exist.
  if (!story || story.user_id !== currentActor(c).id) throw new HTTPException(404);
  return story;
}

/** The participant's private space, and facilitators' reading of what is shared with them. */
export function privateRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/my', requireUser);
  app.use('/my/*', requireWriter);

  app.get('/my', async (c) => {
    const actor = currentActor(c);
    const { db } = c.var.deps;
    const consents = await activeConsents(db, actor.id);
    const stories = await listOwnStories(db, actor.id);
    return renderPage(c, {
      title: 'My private space',
      body: (
        <>
          <h1>My private space</h1>
          <p>What you write here is yours. Only you can read it unless you choose to share something with your facilitators.</p>
          <p class="actions">
            <a href="/my/consent">Who can see what, and your choices</a>
            <a href="/my/data">Download everything we hold about you</a>
          </p>
          <p class="actions">
            <a href="/my/journal">My reflective journal</a>
            <a href="/my/wellbeing">My wellbeing plan</a>
            <a href="/my/readiness">Readiness conversations</a>
            {actor.cohortRoles
              .filter((g) => g.role === 'participant')
              .map((g) => (
                <a href={`/my/stocktake/${g.cohortId}`}>My personal stocktake</a>
              ))}
          </p>
          <h2>Recovery story</h2>
          {!consents.has('keep_writing') ? (
            <p>
              Before you write, <a href="/my/consent">read how your writing is kept and give your consent</a>.
            </p>
          ) : (
            <p>
              <a class="button" href="/my/stories/new">
                Start a new story
              </a>
            </p>
          )}
          {stories.length === 0 ? <p>You have not written a story yet.</p> : null}
          <ul>
            {stories.map((s) => (
              <li>
                <a href={`/my/stories/${s.id}`}>{s.title}</a> <span class="hint">{fromDbBool(s.shared) ? 'Shared with your facilitators' : 'Private'}</span>
              </li>
            ))}
          </ul>
        </>
      ),
    });
  });

  const consentPage = async (c: Context<AppEnv>, notice?: string) => {
    const actor = currentActor(c);
    const consents = await activeConsents(c.var.deps.db, actor.id);
    const agreed = await agreedVersions(c.var.deps.db, actor.id);
    const texts = await currentConsentTexts(c.var.deps.db);
    return renderPage(c, {
      title: 'Your choices about your information',
      body: (
        <>
          <h1>Your choices about your information</h1>
          <Notice code={notice} />
          <p>
            Your recovery story and reflections are health information. We keep them with extra care, and you decide what happens to them. Each choice is
            separate, and you can change your mind at any time.
          </p>
          <PostForm action="/my/consent">
            {texts.map((p) => (
              <div class="consent">
                <h2>{p.label}</h2>
                {consents.has(p.purpose) && agreed.get(p.purpose) !== p.version ? (
                  <p class="warning">The wording has changed since you agreed. Please read it again; saving your choices agrees to this version.</p>
                ) : null}
                <p>{p.text}</p>
                <p class="hint">If you later say no: {p.withdrawEffect}</p>
                <div class="checkbox">
                  <input type="checkbox" id={`consent-${p.purpose}`} name={p.purpose} value="yes" checked={consents.has(p.purpose)} />
                  <label for={`consent-${p.purpose}`}>Yes: {p.label.charAt(0).toLowerCase() + p.label.slice(1)}</label>
                </div>
              </div>
            ))}
            <button type="submit">Save my choices</button>
          </PostForm>
        </>
      ),
    });
  };

  app.get('/my/consent', (c) => consentPage(c, c.req.query('notice')));

  // Writing kept from an expired login session, offered back filled in; it is removed once shown.
  app.get('/my/resume/:id', async (c) => {
    const { db } = c.var.deps;
    const pending = await db
      .selectFrom('pending_saves')
      .selectAll()
      .where('id', '=', c.req.param('id'))
      .where('user_id', '=', currentActor(c).id)
      .executeTakeFirst();
    if (!pending) return c.notFound();
    await db.deleteFrom('pending_saves').where('id', '=', pending.id).execute();
    const fields = JSON.parse(pending.fields_json) as Record<string, string>;
    return renderPage(c, {
      title: 'Your writing was kept',
      body: (
        <>
          <h1>Your writing was kept</h1>
          <p>You were signed out before this could be saved. Here it is. Press the button to save it now.</p>
          <form method="post" action={pending.path}>
            {Object.entries(fields).map(([k, v]) => (
              <input type="hidden" name={k} value={v} />
            ))}
            {Object.entries(fields)
              .filter(([, v]) => v.trim().length > 0 && v.length > 20)
              .map(([, v]) => (
                <div class="mail-body">{v}</div>
              ))}
            <button type="submit">Save what I wrote</button>
          </form>
        </>
      ),
    });
  });

  app.use('/admin/consent-texts', requireUser, allow(canEditConsentTexts));
  app.use('/admin/consent-texts/*', requireUser, allow(canEditConsentTexts));

  app.get('/admin/consent-texts', async (c) => {
    const texts = await currentConsentTexts(c.var.deps.db);
    return renderPage(c, {
      title: 'Consent wording',
      body: (
        <>
          <h1>Consent wording</h1>
          <p>
            Participants see this before they write anything. Saving new wording makes a new version; consents already given keep the version agreed, and
            participants are asked to read the new wording.
          </p>
          {texts.map((t) => (
            <section class="consent">
              <h2>
                {t.label} <span class="hint">(version {t.version})</span>
              </h2>
              <PostForm action={`/admin/consent-texts/${t.purpose}`}>
                <TextArea name="text" id={`text-${t.purpose}`} label="What we tell participants" rows={5} value={t.text} />
                <TextArea name="withdrawEffect" id={`effect-${t.purpose}`} label="What happens if they say no later" rows={2} value={t.withdrawEffect} />
                <button type="submit">Save as version {t.version + 1}</button>
              </PostForm>
            </section>
          ))}
        </>
      ),
    });
  });

  app.post('/admin/consent-texts/:purpose', async (c) => {
    const purpose = c.req.param('purpose') as ConsentPurpose;
    if (!CONSENT_PURPOSES.some((p) => p.purpose === purpose)) return c.notFound();
    const body = await c.req.parseBody();
    const text = String(body.text ?? '')
      .trim()
      .slice(0, 3000);
    const effect = String(body.withdrawEffect ?? '')
      .trim()
      .slice(0, 1000);
    if (text && effect) await saveConsentText(c.var.deps.db, c.var.deps.clock, currentActor(c).id, purpose, text, effect);
    return c.redirect('/admin/consent-texts', 303);
  });

  app.post('/my/consent', async (c) => {
    const actor = currentActor(c);
    const { db, clock } = c.var.deps;
    const body = await c.req.parseBody();
    const wanted = new Set(CONSENT_PURPOSES.filter((p) => body[p.purpose] === 'yes').map((p) => p.purpose as ConsentPurpose));
    const withdrawn = await setConsents(db, clock, actor.id, wanted);
    if (withdrawn.includes('share_with_facilitators')) await unshareEverything(db, actor.id);
    await recordAudit(db, clock, {
      action: 'consent_changed',
      actorUserId: actor.id,
      subjectUserId: actor.id,
      details: { given: [...wanted].join(','), withdrawn: withdrawn.join(',') },
    });
    return c.redirect('/my/consent?notice=consent', 303);
  });

  const editor = async (
    c: Context<AppEnv>,
    opts: { story?: Story; title: string; text: string; baseVersion: number; errors?: FieldErrors; theirs?: string; status?: 200 | 409 | 422 },
  ) => {
    const { db } = c.var.deps;
    const story = opts.story;
    const action = story ? `/my/stories/${story.id}/save` : '/my/stories/new';
    const versions = story ? await storyVersions(db, story.id) : [];
    const views = story ? await storyViews(db, story.id) : [];
    const comments = story ? await storyComments(db, story.id) : [];
    return renderPage(c, {
      title: story ? story.title : 'New story',
      status: opts.status ?? 200,
      body: (
        <>
          <p class="breadcrumb">
            <a href="/my">My private space</a>
          </p>
          <h1>{story ? story.title : 'A new recovery story'}</h1>
          <Notice code={c.req.query('notice')} />
          <ErrorSummary errors={opts.errors} />
          {opts.theirs !== undefined ? (
            <section class="conflict" aria-labelledby="theirs-title">
              <h2 id="theirs-title">The version saved from your other window</h2>
              <p>
                Your story was saved from another window or tab while you were writing here. Nothing has been overwritten. Here is that saved version; your own
                text is in the box below. Copy what you want to keep from either, then save.
              </p>
              <div class="mail-body">{opts.theirs}</div>
            </section>
          ) : null}
          <details class="prompts" open={!story}>
            <summary>Writing with intention</summary>
            <ul>
              {PROMPTS.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          </details>
          <form method="post" action={action} novalidate data-autosave>
            <input type="hidden" name="baseVersion" value={String(opts.baseVersion)} />
            <TextField name="title" label="Title" value={opts.title} error={opts.errors?.title} />
            <TextArea name="text" label="Your story" hint="Only you can read this unless you share it." rows={18} value={opts.text} error={opts.errors?.text} />
            <p class="hint" data-word-count aria-live="polite"></p>
            <button type="submit">Save</button>
          </form>
          {story ? (
            <>
              <h2>Sharing</h2>
              {fromDbBool(story.shared) ? (
                <>
                  <p>Shared with your cohort’s facilitators. They can read it and comment.</p>
                  <PostForm action={`/my/stories/${story.id}/unshare`}>
                    <button type="submit" class="button-secondary">
                      Make it private
                    </button>
                  </PostForm>
                </>
              ) : (
                <>
                  <p>Private: only you can read it.</p>
                  <PostForm action={`/my/stories/${story.id}/share`}>
                    <button type="submit" class="button-secondary">
                      Share with my facilitators
                    </button>
                  </PostForm>
                </>
              )}
              <ViewsAndComments views={views} comments={comments} />
              <h2>Earlier versions</h2>
              <ol reversed>
                {versions.map((v) => (
                  <li>
                    <a href={`/my/stories/${story.id}/versions/${v.number}`}>Version {v.number}</a> <span class="hint">{formatDateTime(v.created_at)}</span>
                    {v.number === story.current_version ? <span class="hint"> (current)</span> : null}
                  </li>
                ))}
              </ol>
            </>
          ) : null}
        </>
      ),
    });
  };

  const readFields = async (c: Context<AppEnv>) => {
    const body = await c.req.parseBody();
    const title = (typeof body.title === 'string' ? body.title : '').trim();
    const text = typeof body.text === 'string' ? body.text : '';
    const baseVersion = Number(body.baseVersion);
    const errors: FieldErrors = {};
    if (!title) errors.title = 'Give your story a title; only you see it unless you share the story';
    if (title.length > 200) errors.title = 'The title must be 200 characters or fewer';
    if (text.length > STORY_MAX) errors.text = `The story must be ${STORY_MAX.toLocaleString('en-GB')} characters or fewer`;
    return { title, text, baseVersion, errors };
  };

  app.get('/my/stories/new', async (c) => {
    if (!(await activeConsents(c.var.deps.db, currentActor(c).id)).has('keep_writing')) return c.redirect('/my/consent', 303);
    return editor(c, { title: '', text: '', baseVersion: 0 });
  });

  app.post('/my/stories/new', async (c) => {
    const f = await readFields(c);
    if (Object.keys(f.errors).length) return editor(c, { ...f, status: 422 });
    const r = await createStory(c.var.deps, currentActor(c), f);
    if (!r.ok) return c.redirect('/my/consent', 303);
    return c.redirect(`/my/stories/${r.storyId}?notice=saved`, 303);
  });

  app.get('/my/stories/:storyId', async (c) => {
    const story = await ownStory(c);
    return editor(c, { story, title: story.title, text: await storyText(c.var.deps.db, story.id, story.current_version), baseVersion: story.current_version });
  });

  app.post('/my/stories/:storyId/save', async (c) => {
    const story = await ownStory(c);
    const f = await readFields(c);
    if (Object.keys(f.errors).length) return editor(c, { story, ...f, status: 422 });
    const r = await saveStory(c.var.deps, currentActor(c), story.id, f);
    // Autosave (JavaScript only) wants the new version number, or to hear of a conflict, not a page.
    if (c.req.header('x-autosave') === '1') return c.json(r.ok ? { saved: true, version: r.version } : { saved: false }, r.ok ? 200 : 409);
    if (r.ok) return c.redirect(`/my/stories/${story.id}?notice=saved`, 303);
    if (r.reason === 'conflict') {
      return editor(c, {
        story: (await getStory(c.var.deps.db, story.id))!,
        title: f.title,
        text: f.text,
        baseVersion: r.version,
        theirs: r.theirs,
        status: 409,
        errors: { text: 'This story was saved from another window while you were writing. Check both versions below, then save.' },
      });
    }
    return c.redirect('/my/consent', 303);
  });

  app.get('/my/stories/:storyId/versions/:n', async (c) => {
    const story = await ownStory(c);
    const n = Number(c.req.param('n'));
    const text = await storyText(c.var.deps.db, story.id, n);
    if (!Number.isInteger(n) || n < 1 || n > story.current_version) return c.notFound();
    return renderPage(c, {
      title: `${story.title}, version ${n}`,
      body: (
        <>
          <p class="breadcrumb">
            <a href={`/my/stories/${story.id}`}>{story.title}</a>
          </p>
          <h1>Version {n}</h1>
          <div class="mail-body">{text}</div>
          {n !== story.current_version ? (
            <PostForm action={`/my/stories/${story.id}/versions/${n}/restore`}>
              <button type="submit">Restore this version</button>
            </PostForm>
          ) : (
            <p>This is the current version.</p>
          )}
        </>
      ),
    });
  });

  app.post('/my/stories/:storyId/versions/:n/restore', async (c) => {
    const story = await ownStory(c);
    const n = Number(c.req.param('n'));
    if (!Number.isInteger(n) || n < 1 || n > story.current_version) return c.notFound();
    await saveStory(c.var.deps, currentActor(c), story.id, {
      title: story.title,
      text: await storyText(c.var.deps.db, story.id, n),
      baseVersion: story.current_version,
    });
    return c.redirect(`/my/stories/${story.id}?notice=restored`, 303);
  });

  for (const [path, shared] of [
    ['share', true],
    ['unshare', false],
  ] as const) {
    app.post(`/my/stories/:storyId/${path}`, async (c) => {
      const story = await ownStory(c);
      const r = await setStorySharing(c.var.deps, currentActor(c), story.id, shared);
      if (r === 'no_consent') return c.redirect('/my/consent', 303);
      return c.redirect(`/my/stories/${story.id}?notice=${shared ? 'shared' : 'private'}`, 303);
    });
  }

  app.get('/my/data', async (c) => {
    const actor = currentActor(c);
    const { deps } = c.var;
    const data = await exportPersonalData(deps, actor.id);
    const files: Record<string, Uint8Array> = { 'index.html': strToU8(exportHtml(actor.name, data, deps.clock.now())) };
    for (const [table, rows] of Object.entries(data)) files[`json/${table}.json`] = strToU8(JSON.stringify(rows, null, 2));
    await recordAudit(deps.db, deps.clock, { action: 'data_exported', actorUserId: actor.id, subjectUserId: actor.id });
    const zip = zipSync({ 'my-peer-toolbox-data': files });
    return c.body(zip.slice().buffer as ArrayBuffer, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': contentDisposition('my-peer-toolbox-data.zip'),
      'Cache-Control': 'no-store',
    });
  });

  // Facilitators: shared stories of a cohort's participants.
  app.use('/cohorts/:cohortId/shared', requireUser);
  app.use('/cohorts/:cohortId/shared/*', requireUser);

  app.get('/cohorts/:cohortId/shared', async (c) => {
    const actor = currentActor(c);
    const cohortId = c.req.param('cohortId');
    authorize(hasCohortRole(actor, cohortId, 'facilitator'));
    const { db } = c.var.deps;
    const stories = await db
      .selectFrom('stories')
      .innerJoin('cohort_members', (j) =>
        j.onRef('cohort_members.user_id', '=', 'stories.user_id').on('cohort_members.cohort_id', '=', cohortId).on('cohort_members.role', '=', 'participant'),
      )
      .innerJoin('users', 'users.id', 'stories.user_id')
      .select(['stories.id', 'stories.title', 'users.name', 'stories.updated_at'])
      .where('stories.shared', '=', 1)
      .orderBy('stories.updated_at', 'desc')
      .execute();
    const entries = await db
      .selectFrom('journal_entries')
      .innerJoin('cohort_members', (j) =>
        j
          .onRef('cohort_members.user_id', '=', 'journal_entries.user_id')
          .on('cohort_members.cohort_id', '=', cohortId)
          .on('cohort_members.role', '=', 'participant'),
      )
      .innerJoin('users', 'users.id', 'journal_entries.user_id')
      .select(['journal_entries.id', 'journal_entries.title', 'users.name'])
      .where('journal_entries.shared', '=', 1)
      .orderBy('journal_entries.created_at', 'desc')
      .execute();
    const stocktakes = await db
      .selectFrom('stocktakes')
      .innerJoin('users', 'users.id', 'stocktakes.user_id')
      .select(['stocktakes.id', 'users.name'])
      .where('stocktakes.cohort_id', '=', cohortId)
      .where('stocktakes.shared', '=', 1)
      .execute();
    const plans = await db
      .selectFrom('wellbeing_plans')
      .innerJoin('cohort_members', (j) =>
        j
          .onRef('cohort_members.user_id', '=', 'wellbeing_plans.user_id')
          .on('cohort_members.cohort_id', '=', cohortId)
          .on('cohort_members.role', '=', 'participant'),
      )
      .innerJoin('users', 'users.id', 'wellbeing_plans.user_id')
      .select(['wellbeing_plans.user_id', 'users.name'])
      .where('wellbeing_plans.shared', '=', 1)
      .execute();
    return renderPage(c, {
      title: 'Shared with you',
      body: (
        <>
          <p class="breadcrumb">
            <a href={`/cohorts/${cohortId}`}>Back to the cohort</a>
          </p>
          <h1>Shared with you</h1>
          <p>Participants chose to share these with you. Each time you open one, they can see that you read it.</p>
          {stories.length + entries.length + plans.length + stocktakes.length === 0 ? <p>Nothing is shared with you yet.</p> : null}
          <ul>
            {stories.map((s) => (
              <li>
                <a href={`/cohorts/${cohortId}/shared/${s.id}`}>{s.title}</a> by {s.name}
              </li>
            ))}
            {entries.map((e) => (
              <li>
                Journal: <a href={`/cohorts/${cohortId}/shared-items/journal/${e.id}`}>{e.title}</a> by {e.name}
              </li>
            ))}
            {stocktakes.map((st) => (
              <li>
                <a href={`/cohorts/${cohortId}/shared-items/stocktake/${st.id}`}>Personal stocktake</a> of {st.name}
              </li>
            ))}
            {plans.map((p) => (
              <li>
                <a href={`/cohorts/${cohortId}/shared-items/wellbeing/${p.user_id}`}>Wellbeing plan</a> of {p.name}
              </li>
            ))}
          </ul>
        </>
      ),
    });
  });

  const sharedPage = async (c: Context<AppEnv>, notice?: string) => {
    const actor = currentActor(c);
    const { story, text } = await readSharedStory(c.var.deps, actor, c.req.param('storyId') ?? '');
    const owner = await c.var.deps.db.selectFrom('users').select('name').where('id', '=', story.user_id).executeTakeFirstOrThrow();
    const comments = await storyComments(c.var.deps.db, story.id);
    return renderPage(c, {
      title: story.title,
      body: (
        <>
          <p class="breadcrumb">
            <a href={`/cohorts/${c.req.param('cohortId')}/shared`}>Shared with you</a>
          </p>
          <h1>{story.title}</h1>
          <p class="hint">By {owner.name}. They can see that you read it.</p>
          {notice ? (
            <div class="notice" role="status">
              <p>{notice}</p>
            </div>
          ) : null}
          <div class="mail-body">{text}</div>
          <h2>Comments</h2>
          <CommentList comments={comments} />
          <PostForm action={`/cohorts/${c.req.param('cohortId')}/shared/${story.id}/comments`}>
            <TextArea name="text" label="Add a comment" hint="Be kind and specific. The writer sees your name with it." rows={4} />
            <button type="submit">Add comment</button>
          </PostForm>
        </>
      ),
    });
  };

  app.get('/cohorts/:cohortId/shared/:storyId', (c) => sharedPage(c));

  app.post('/cohorts/:cohortId/shared/:storyId/comments', async (c) => {
    const actor = currentActor(c);
    const { db, clock } = c.var.deps;
    const story = await getStory(db, c.req.param('storyId'));
    authorize(story !== undefined && canCommentOnHealthItem(actor, await healthItem(db, story)));
    const body = await c.req.parseBody();
    const text = (typeof body.text === 'string' ? body.text : '').trim().slice(0, 5000);
    if (text)
      await db
        .insertInto('story_comments')
        .values({ id: crypto.randomUUID(), story_id: story!.id, owner_id: story!.user_id, author_id: actor.id, text, created_at: clock.now().toISOString() })
        .execute();
    return c.redirect(`/cohorts/${c.req.param('cohortId')}/shared/${story!.id}`, 303);
  });

  return app;
}
