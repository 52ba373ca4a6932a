import { ErrorSummary, Notice, PostForm, TextArea, TextField, type FieldErrors } from '../../../views/form.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { fromDbBool } from '../../../db/helpers.ts';
import { ViewsAndComments } from '../views.tsx';
import type { Story, StoryHistory } from './queries.ts';

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
};

export interface EditorProps {
  /** Absent for a new story. */
  story?: Story | undefined;
  history?: StoryHistory | undefined;
  title: string;
  text: string;
  baseVersion: number;
  errors?: FieldErrors | undefined;
  /** The text saved from another window, when this save conflicted with it. */
  theirs?: string | undefined;
  notice?: string | undefined;
}

/** The owner's story editor, with the writing prompts, sharing, who read it and earlier versions. */
export function StoryEditorView({ story, history, title, text, baseVersion, errors, theirs, notice }: EditorProps) {
  const action = story ? `/my/stories/${story.id}/save` : '/my/stories/new';
  return (
    <>
      <p class="breadcrumb">
        <a href="/my">My private space</a>
      </p>
      <h1>{story ? story.title : 'A new recovery story'}</h1>
      <Notice text={notice ? notices[notice] : undefined} />
      <ErrorSummary errors={errors} />
      {theirs !== undefined ? (
        <section class="conflict" aria-labelledby="theirs-title">
          <h2 id="theirs-title">The version saved from your other window</h2>
          <p>
            Your story was saved from another window or tab while you were writing here. Nothing has been overwritten. Here is that saved version; your own text
            is in the box below. Copy what you want to keep from either, then save.
          </p>
          <div class="mail-body">{theirs}</div>
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
        <input type="hidden" name="baseVersion" value={String(baseVersion)} />
        <TextField name="title" label="Title" value={title} error={errors?.title} />
        <TextArea name="text" label="Your story" hint="Only you can read this unless you share it." rows={18} value={text} error={errors?.text} />
        <p class="hint" data-word-count aria-live="polite"></p>
        <button type="submit">Save</button>
      </form>
      {story && history ? (
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
          <ViewsAndComments views={history.views} comments={history.comments} />
          <h2>Earlier versions</h2>
          <ol reversed>
            {history.versions.map((v) => (
              <li>
                <a href={`/my/stories/${story.id}/versions/${v.number}`}>Version {v.number}</a> <span class="hint">{formatDateTime(v.created_at)}</span>
                {v.number === story.current_version ? <span class="hint"> (current)</span> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}

/** One earlier version of the owner's story, with the button to restore it. */
export function StoryVersionView({ story, n, text }: { story: Story; n: number; text: string }) {
  return (
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
  );
}
