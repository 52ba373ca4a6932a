import { ErrorSummary, PostForm, TextArea, type FieldErrors, type FormValues } from '../../../views/form.tsx';
import { CommentList } from '../views.tsx';
import type { ItemComment } from '../queries.ts';
import type { HealthRead } from '../health-reads.ts';
import { EntryText } from '../journal/views.tsx';
import { PlanText } from '../wellbeing-plan/views.tsx';
import { StocktakeAnswers } from '../stocktake/views.tsx';
import type { SharedListing } from './queries.ts';

/** Where a facilitator opens a shared item: stories have their own path, older than the others'. */
export const sharedItemPath = (cohortId: string, item: { kind: string; id: string }) =>
  item.kind === 'story' ? `/cohorts/${cohortId}/shared/${item.id}` : `/cohorts/${cohortId}/shared-items/${item.kind}/${item.id}`;

/** Everything the cohort's participants share with its facilitators. */
export function SharedListView({ cohortId, items }: { cohortId: string; items: readonly SharedListing[] }) {
  return (
    <>
      <p class="breadcrumb">
        <a href={`/cohorts/${cohortId}`}>Back to the cohort</a>
      </p>
      <h1>Shared with you</h1>
      <p>Participants chose to share these with you. Each time you open one, they can see that you read it.</p>
      {items.length === 0 ? <p>Nothing is shared with you yet.</p> : null}
      <ul>
        {items.map((i) =>
          i.kind === 'story' ? (
            <li>
              <a href={sharedItemPath(cohortId, i)}>{i.title}</a> by {i.ownerName}
            </li>
          ) : i.kind === 'journal' ? (
            <li>
              Journal: <a href={sharedItemPath(cohortId, i)}>{i.title}</a> by {i.ownerName}
            </li>
          ) : (
            <li>
              <a href={sharedItemPath(cohortId, i)}>{i.title}</a> of {i.ownerName}
            </li>
          ),
        )}
      </ul>
    </>
  );
}

function Content({ item }: { item: HealthRead }) {
  switch (item.kind) {
    case 'story':
      return <div class="mail-body">{item.text}</div>;
    case 'journal':
      return <EntryText entry={item.entry} />;
    case 'wellbeing':
      return <PlanText plan={item.plan} />;
    case 'stocktake':
      return <StocktakeAnswers questions={item.questions} answers={item.answers} />;
    case 'readiness':
      return null;
  }
}

/** One shared item as its reader sees it, with the comments and the form to add one. */
export function SharedItemView({
  cohortId,
  item,
  comments,
  values,
  errors,
}: {
  cohortId: string;
  item: HealthRead;
  comments: readonly ItemComment[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}) {
  const hint = item.kind === 'story' ? 'Be kind and specific. The writer sees your name with it.' : undefined;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/cohorts/${cohortId}/shared`}>Shared with you</a>
      </p>
      <h1>{item.title}</h1>
      <p class="hint">By {item.ownerName}. They can see that you read it.</p>
      <Content item={item} />
      <h2>Comments</h2>
      <CommentList comments={comments} />
      <ErrorSummary errors={errors} />
      <PostForm action={`${sharedItemPath(cohortId, item)}/comments`}>
        <TextArea name="text" label="Add a comment" hint={hint} rows={4} value={values?.text} error={errors?.text} />
        <button type="submit">Add comment</button>
      </PostForm>
    </>
  );
}
