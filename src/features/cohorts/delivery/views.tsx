import { ErrorSummary, Notice, PostForm, TextArea, type FieldErrors } from '../../../views/form.tsx';
import { Markdown } from '../../../views/markdown.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { Cohort, PlannedSession } from '../queries.ts';
import { formatInZone } from '../time.ts';
import type { NoteKind } from './forms.ts';
import type { Agreement } from './queries.ts';

/** A starting point with the headings the group discusses; facilitators rewrite it with the group. */
export const AGREEMENT_TEMPLATE = `## Confidentiality and its limits
What is shared in the group stays in the group. The limits: if someone may be at risk of serious harm, facilitators may need to share that with the named safeguarding lead, and will say so first where they can.

## Participation
Everyone takes part in the way that works for them. We listen, and speak from our own experience.

## The right to pass
Anyone can pass on any question or activity, or step out for a while, without explaining why.

## Commitment
We arrive on time, let the facilitators know if we cannot come, and look after ourselves and each other.

## No recording
No one records, photographs or screenshots a session.`;

export function AgreementView({
  cohort,
  agreement,
  acked,
  actorId,
  acknowledge,
  edit,
  participants,
  text,
  error,
  notice,
}: {
  cohort: Cohort;
  agreement: Agreement | undefined;
  acked: Map<string, string>;
  actorId: string;
  acknowledge: boolean;
  edit: boolean;
  participants: { user_id: string; name: string }[];
  text?: string | undefined;
  error?: string | undefined;
  notice?: string | undefined;
}) {
  const own = acked.get(actorId);
  return (
    <>
      <p class="breadcrumb">
        <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
      </p>
      <h1>Group agreement</h1>
      <Notice text={notice} />
      {agreement ? (
        <>
          <p class="hint">
            Version {agreement.version}, {formatDateTime(agreement.created_at)}
          </p>
          <Markdown source={agreement.text} />
        </>
      ) : (
        <p>The facilitators have not written the group agreement yet.</p>
      )}
      {agreement && acknowledge ? (
        own ? (
          <Notice text={`You agreed to this version on ${formatDateTime(own)}.`} />
        ) : (
          <PostForm action={`/cohorts/${cohort.id}/agreement/acknowledge`}>
            <input type="hidden" name="version" value={String(agreement.version)} />
            <button type="submit">I agree to this group agreement</button>
          </PostForm>
        )
      ) : null}
      {edit ? (
        <>
          {agreement ? (
            <>
              <h2>Who has agreed to version {agreement.version}</h2>
              <ul>
                {participants.map((p) => (
                  <li>
                    {p.name}: {acked.has(p.user_id) ? `agreed ${formatDateTime(acked.get(p.user_id)!)}` : 'not yet'}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h2>{agreement ? 'Revise the agreement' : 'Write the agreement'}</h2>
          <p>Saving makes a new version; everyone is asked to agree again.</p>
          <ErrorSummary errors={error ? { text: error } : undefined} />
          <PostForm action={`/cohorts/${cohort.id}/agreement`}>
            <TextArea name="text" label="Agreement" rows={16} value={text ?? agreement?.text ?? AGREEMENT_TEMPLATE} error={error} />
            <button type="submit">Save as version {(agreement?.version ?? 0) + 1}</button>
          </PostForm>
        </>
      ) : null}
    </>
  );
}

export function FacilitationView({
  cohort,
  planned,
  facilitators,
  plan,
  own,
  writes,
  started,
  notice,
  values,
  errors,
}: {
  cohort: Cohort;
  planned: PlannedSession;
  facilitators: string[];
  plan: string;
  own: Record<NoteKind, string>;
  writes: boolean;
  started: boolean;
  notice?: string | undefined;
  values?: Partial<Record<'plan' | NoteKind, string>>;
  errors?: FieldErrors;
}) {
  const base = `/cohorts/${cohort.id}/sessions/${planned.id}/facilitate`;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
      </p>
      <h1>Facilitating: {planned.session.title}</h1>
      <p>{planned.startsAt ? formatInZone(planned.startsAt, cohort.time_zone) : 'Date to be arranged'}</p>
      <Notice text={notice} />
      <ErrorSummary errors={errors} />
      <h2>Co-facilitation plan</h2>
      <p class="hint">Who leads which part. Shared with the other facilitators: {facilitators.join(', ') || 'none yet'}.</p>
      {writes ? (
        <PostForm action={`${base}/plan`}>
          <TextArea name="text" id="field-plan" label="Plan" rows={6} value={values?.plan ?? plan} error={errors?.plan} />
          <button type="submit">Save plan</button>
        </PostForm>
      ) : (
        <Markdown source={plan} />
      )}
      {writes ? (
        <>
          <h2>Your private notes</h2>
          <p class="hint">Only you can read these. Keep details about participants out of them; raise any worry through the safeguarding route.</p>
          <PostForm action={`${base}/notes/private`}>
            <TextArea name="text" id="field-private" label="Notes" rows={6} value={values?.private ?? own.private} error={errors?.private} />
            <button type="submit">Save notes</button>
          </PostForm>
          {started ? (
            <>
              <h2>Debrief</h2>
              <PostForm action={`${base}/notes/debrief`}>
                <TextArea
                  name="text"
                  id="field-debrief"
                  label="What went well, what would you change, and how are you after this session?"
                  hint="Only you can read this."
                  rows={6}
                  value={values?.debrief ?? own.debrief}
                  error={errors?.debrief}
                />
                <button type="submit">Save debrief</button>
              </PostForm>
            </>
          ) : null}
        </>
      ) : null}
    </>
  );
}
