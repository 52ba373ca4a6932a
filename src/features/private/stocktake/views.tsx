import { ErrorSummary, PostForm, TextArea, type FieldErrors, type FormValues } from '../../../views/form.tsx';
import { fromDbBool } from '../../../db/helpers.ts';
import { SharingForm, WhoHasRead } from '../views.tsx';
import type { OwnStocktakePage, StocktakeQuestion } from './queries.ts';

/** The owner's personal stocktake for a cohort: the questions, sharing and who read it. */
export function StocktakeView({ data, values, errors }: { data: OwnStocktakePage; values?: FormValues | undefined; errors?: FieldErrors | undefined }) {
  const { cohortId, questions, row, answers, views } = data;
  return (
    <>
      <p class="breadcrumb">
        <a href="/my">My private space</a>
      </p>
      <h1>My personal stocktake</h1>
      <ErrorSummary errors={errors} />
      <p>A private look at where you are now, before the programme. Only you can read it unless you share it.</p>
      {questions.length === 0 ? (
        <p>The programme team has not written the stocktake questions yet.</p>
      ) : (
        <PostForm action={`/my/stocktake/${cohortId}`}>
          {questions.map((q) => (
            <TextArea name={`q_${q.id}`} label={q.text} rows={4} value={values ? values[`q_${q.id}`] : (answers[q.id] ?? '')} error={errors?.[`q_${q.id}`]} />
          ))}
          <button type="submit">Save my stocktake</button>
        </PostForm>
      )}
      {row ? (
        <>
          <SharingForm action={`/my/stocktake/${cohortId}/sharing`} shared={fromDbBool(row.shared)} />
          <WhoHasRead views={views} />
        </>
      ) : null}
    </>
  );
}

/** The answers of a stocktake, as the facilitators it is shared with see them. */
export function StocktakeAnswers({ questions, answers }: { questions: readonly StocktakeQuestion[]; answers: Record<string, string> }) {
  return (
    <dl class="summary-list">
      {questions.map((q) => (
        <div>
          <dt>{q.text}</dt>
          <dd class="diff">{answers[q.id] ?? ''}</dd>
        </div>
      ))}
    </dl>
  );
}
