import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { fieldErrors, formStrings } from '../../../views/form.tsx';
import { currentActor } from '../../../auth/guards.ts';
import { requireWriter } from '../resume/middleware.ts';
import { hasConsent } from '../consent/queries.ts';
import { getOwnStory, storyHistory, storyText, type Story } from './queries.ts';
import { createStory, restoreVersion, saveStory, setStorySharing } from './commands.ts';
import { storyForm } from './forms.ts';
import { StoryEditorView, StoryVersionView, type EditorProps } from './views.tsx';

async function ownStory(c: Context<AppEnv>): Promise<Story> {
  const story = await getOwnStory(c.var.deps.db, currentActor(c).id, c.req.param('storyId') ?? '');
  // Someone else's story answers as if it did not exist.
  if (!story) throw new HTTPException(404);
  return story;
}

async function editor(c: Context<AppEnv>, props: EditorProps, status: 200 | 409 | 422 = 200) {
  const history = props.story ? await storyHistory(c.var.deps.db, props.story.id, props.story.user_id) : undefined;
  return renderPage(c, { title: props.story ? props.story.title : 'New story', status, body: <StoryEditorView {...props} history={history} /> });
}

/** The owner's recovery stories, at /my/stories: write, save versions, restore, share. */
export function storyRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireWriter);

  app.get('/new', async (c) => {
    if (!(await hasConsent(c.var.deps.db, currentActor(c).id, 'keep_writing'))) return c.redirect('/my/consent', 303);
    return editor(c, { title: '', text: '', baseVersion: 0 });
  });

  app.post('/new', async (c) => {
    const values = formStrings(await c.req.parseBody());
    const parsed = storyForm.safeParse(values);
    if (!parsed.success) return editor(c, { title: values.title ?? '', text: values.text ?? '', baseVersion: 0, errors: fieldErrors(parsed.error) }, 422);
    const r = await createStory(c.var.deps, currentActor(c), parsed.data);
    if (!r.ok) return c.redirect('/my/consent', 303);
    return c.redirect(`/my/stories/${r.storyId}?notice=saved`, 303);
  });

  app.get('/:storyId', async (c) => {
    const story = await ownStory(c);
    const text = await storyText(c.var.deps.db, story.id, story.current_version);
    return editor(c, { story, title: story.title, text, baseVersion: story.current_version, notice: c.req.query('notice') });
  });

  app.post('/:storyId/save', async (c) => {
    const story = await ownStory(c);
    const values = formStrings(await c.req.parseBody());
    const parsed = storyForm.safeParse(values);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error);
      return editor(c, { story, title: values.title ?? '', text: values.text ?? '', baseVersion: story.current_version, errors }, 422);
    }
    const r = await saveStory(c.var.deps, currentActor(c), story.id, parsed.data);
    // Autosave (JavaScript only) wants the new version number, or to hear of a conflict, not a page.
    if (c.req.header('x-autosave') === '1') return c.json(r.ok ? { saved: true, version: r.version } : { saved: false }, r.ok ? 200 : 409);
    if (r.ok) return c.redirect(`/my/stories/${story.id}?notice=saved`, 303);
    if (r.reason === 'no_consent') return c.redirect('/my/consent', 303);
    const errors = { text: 'This story was saved from another window while you were writing. Check both versions below, then save.' };
    return editor(c, { story: await ownStory(c), title: parsed.data.title, text: parsed.data.text, baseVersion: r.version, theirs: r.theirs, errors }, 409);
  });

  app.get('/:storyId/versions/:n', async (c) => {
    const story = await ownStory(c);
    const n = Number(c.req.param('n'));
    if (!Number.isInteger(n) || n < 1 || n > story.current_version) return c.notFound();
    const text = await storyText(c.var.deps.db, story.id, n);
    return renderPage(c, { title: `${story.title}, version ${n}`, body: <StoryVersionView story={story} n={n} text={text} /> });
  });

  app.post('/:storyId/versions/:n/restore', async (c) => {
    const story = await ownStory(c);
    const r = await restoreVersion(c.var.deps, currentActor(c), story.id, Number(c.req.param('n')));
    if (r === 'not_found') return c.notFound();
    if (r === 'no_consent') return c.redirect('/my/consent', 303);
    // Another window saved in between: nothing was restored, so the page shows the story as it now is.
    return c.redirect(r === 'conflict' ? `/my/stories/${story.id}` : `/my/stories/${story.id}?notice=restored`, 303);
  });

  for (const [path, shared] of [
    ['share', true],
    ['unshare', false],
  ] as const) {
    app.post(`/:storyId/${path}`, async (c) => {
      const story = await ownStory(c);
      const r = await setStorySharing(c.var.deps, currentActor(c), story.id, shared);
      if (r === 'no_consent') return c.redirect('/my/consent', 303);
      return c.redirect(`/my/stories/${story.id}?notice=${shared ? 'shared' : 'private'}`, 303);
    });
  }

  return app;
}
