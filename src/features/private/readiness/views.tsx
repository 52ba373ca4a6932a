import { ErrorSummary, PostForm, RadioGroup, TextArea, TextField, type FieldErrors, type FormValues } from '../../../views/form.tsx';
import { Markdown } from '../../../views/markdown.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { WhoHasRead } from '../views.tsx';
import { OUTCOMES, outcomeLabel } from './model.ts';
import type { OwnConversation, ReadinessConversation, ReadinessTarget } from './queries.ts';

/** The facilitator's form for a readiness conversation, with the guidance and the outcomes recorded before. */
export function ReadinessFormView({
  target,
  guidance,
  earlier,
  values = {},
  errors,
}: {
  target: ReadinessTarget;
  guidance: string;
  /** Read through `readHealthItem()`, so the participant sees that they were read. */
  earlier: readonly ReadinessConversation[];
  values?: FormValues;
  errors?: FieldErrors | undefined;
}) {
  const { cohort, participant } = target;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
      </p>
      <h1>Readiness conversation with {participant.name}</h1>
      {guidance ? (
        <details class="facilitator-only">
          <summary>Guidance for this conversation (Mini Knowledge)</summary>
          <Markdown source={guidance} />
        </details>
      ) : null}
      {earlier.map((e) => (
        <p class="hint">
          {formatDateTime(e.created_at)}: {outcomeLabel(e.outcome)}
        </p>
      ))}
      <p>Record only the outcome and the note you agreed together. {participant.name} will see both.</p>
      <ErrorSummary errors={errors} />
      <PostForm action={`/cohorts/${cohort.id}/readiness/${participant.user_id}`}>
        <RadioGroup name="outcome" legend="Outcome" options={OUTCOMES} value={values.outcome} error={errors?.outcome} />
        <TextField name="signpostedTo" label="Where you signposted them (if not now)" value={values.signpostedTo} error={errors?.signpostedTo} />
        <TextArea name="agreedNote" label="The note you agreed" rows={4} value={values.agreedNote} error={errors?.agreedNote} />
        <button type="submit">Record the conversation</button>
      </PostForm>
    </>
  );
}

/** The participant's own readiness conversations, each with who else has read it. */
export function OwnReadinessView({ conversations }: { conversations: readonly OwnConversation[] }) {
  return (
    <>
      <p class="breadcrumb">
        <a href="/my">My private space</a>
      </p>
      <h1>Readiness conversations</h1>
      {conversations.length === 0 ? <p>No readiness conversation has been recorded yet.</p> : null}
      {conversations.map((r) => (
        <section class="comment">
          <h2>{outcomeLabel(r.outcome)}</h2>
          <p class="hint">
            With {r.name}, {formatDateTime(r.created_at)}
          </p>
          {r.signposted_to ? <p>Signposted to: {r.signposted_to}</p> : null}
          <p>{r.agreed_note}</p>
          <WhoHasRead views={r.views} heading={3} />
        </section>
      ))}
    </>
  );
}
