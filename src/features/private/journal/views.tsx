import { ErrorSummary, PostForm, Select, TextArea, TextField, type FieldErrors, type FormValues } from '../../../views/form.tsx';
import { Pager } from '../../../views/pager.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { fromDbBool } from '../../../db/helpers.ts';
import { SharingForm, ViewsAndComments } from '../views.tsx';
import type { ItemComment, ReadLogEntry } from '../queries.ts';
import type { JournalEntry, JournalPage } from './queries.ts';

const sessionLabel = (s: { name: string; session_id: string }) => `${s.name}: ${s.session_id.replace(/^\d+-/, '').replaceAll('-', ' ')}`;

/** The journal: the form for a new entry, then a page of entries, newest first. */
export function JournalView({ data, values = {}, errors }: { data: JournalPage; values?: FormValues; errors?: FieldErrors | undefined }) {
  const { page, entries, hasOlder, sessions } = data;
  return (
    <>
      <p class="breadcrumb">
        <a href="/my">My private space</a>
      </p>
      <h1>My reflective journal</h1>
      <ErrorSummary errors={errors} />
      <PostForm action="/my/journal">
        <TextField name="title" label="Title" value={values.title} error={errors?.title} />
        <Select
          name="session"
          label="Linked to a session (optional)"
          value={values.session}
          error={errors?.session}
          options={[{ value: '', label: 'Not linked to a session' }, ...sessions.map((s) => ({ value: s.id, label: sessionLabel(s) }))]}
        />
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
      <Pager path="/my/journal" page={page} hasOlder={hasOlder} label="Journal pages" />
    </>
  );
}

/** One entry, for its owner: the text, sharing, who read it and comments. */
export function EntryView({ entry, views, comments }: { entry: JournalEntry; views: readonly ReadLogEntry[]; comments: readonly ItemComment[] }) {
  return (
    <>
      <p class="breadcrumb">
        <a href="/my/journal">My reflective journal</a>
      </p>
      <h1>{entry.title}</h1>
      <p class="hint">{formatDateTime(entry.created_at)}</p>
      <EntryText entry={entry} />
      <SharingForm action={`/my/journal/${entry.id}/sharing`} shared={fromDbBool(entry.shared)} />
      <ViewsAndComments views={views} comments={comments} />
    </>
  );
}

/** The text of an entry, as its owner and the facilitators it is shared with see it. */
export function EntryText({ entry }: { entry: JournalEntry }) {
  return <div class="mail-body">{entry.text}</div>;
}
