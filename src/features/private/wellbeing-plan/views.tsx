import { ErrorSummary, PostForm, TextArea, type FieldErrors, type FormValues } from '../../../views/form.tsx';
import { fromDbBool } from '../../../db/helpers.ts';
import { SharingForm, ViewsAndComments } from '../views.tsx';
import type { ItemComment, ReadLogEntry } from '../queries.ts';
import type { WellbeingPlan } from './queries.ts';
import { PLAN_FIELDS } from './model.ts';

/** The owner's wellbeing plan: the form, then sharing, who read it and comments. */
export function PlanView({
  plan,
  views,
  comments,
  values,
  errors,
}: {
  plan: WellbeingPlan | undefined;
  views: readonly ReadLogEntry[];
  comments: readonly ItemComment[];
  values?: FormValues | undefined;
  errors?: FieldErrors | undefined;
}) {
  return (
    <>
      <p class="breadcrumb">
        <a href="/my">My private space</a>
      </p>
      <h1>My wellbeing plan</h1>
      <ErrorSummary errors={errors} />
      <p>This is optional. Write as much or as little as helps you.</p>
      <PostForm action="/my/wellbeing">
        {PLAN_FIELDS.map(([name, column, label]) => (
          <TextArea name={name} label={label} rows={4} value={values ? values[name] : (plan?.[column] ?? '')} error={errors?.[name]} />
        ))}
        <button type="submit">Save plan</button>
      </PostForm>
      {plan ? (
        <>
          <SharingForm action="/my/wellbeing/sharing" shared={fromDbBool(plan.shared)} />
          <ViewsAndComments views={views} comments={comments} />
        </>
      ) : null}
    </>
  );
}

/** The parts of a plan, as the facilitators it is shared with see it. */
export function PlanText({ plan }: { plan: WellbeingPlan }) {
  return (
    <dl class="summary-list">
      {PLAN_FIELDS.map(([, column, label]) => (
        <div>
          <dt>{label}</dt>
          <dd class="diff">{plan[column]}</dd>
        </div>
      ))}
    </dl>
  );
}
