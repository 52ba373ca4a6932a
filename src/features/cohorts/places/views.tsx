import { ErrorSummary, PostForm, TextArea, TextField, type FieldErrors, type FormValues } from '../../../views/form.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import type { Cohort } from '../queries.ts';
import type { InterestEntry } from './commands.ts';

const statusWords: Record<string, string> = { waiting: 'Waiting', offered: 'Offered a place', accepted: 'Accepted', declined: 'Declined' };

/** A heading and a sentence: the pages that answer the people following a link about a place. */
export function Message({ heading, text }: { heading: string; text: string }) {
  return (
    <>
      <h1>{heading}</h1>
      <p>{text}</p>
    </>
  );
}

export function InterestFormView({ cohort, values = {}, errors }: { cohort: Cohort; values?: FormValues; errors?: FieldErrors | undefined }) {
  return (
    <>
      <h1>Register your interest: {cohort.name}</h1>
      <p>Starts {formatDate(cohort.starts_on)}. Places are offered in the order people register. We will email you if a place is free.</p>
      <ErrorSummary errors={errors} />
      <PostForm action={`/interest/${cohort.id}`}>
        <TextField name="name" label="Your name" autocomplete="name" value={values.name} error={errors?.name} />
        <TextField name="email" type="email" label="Email address" autocomplete="email" spellcheck={false} value={values.email} error={errors?.email} />
        <TextArea
          name="whyNow"
          label="Why now? (optional)"
          hint="A sentence or two on why this feels like the right time. You do not need to share anything about your health. Only the programme coordinators read this."
          value={values.whyNow}
          error={errors?.whyNow}
        />
        <button type="submit">Register interest</button>
      </PostForm>
    </>
  );
}

export function InterestListView({ cohort, entries, taken, publicUrl }: { cohort: Cohort; entries: InterestEntry[]; taken: number; publicUrl: string }) {
  const open = cohort.interest_open === 1;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
      </p>
      <h1>Interest and places</h1>
      <p>
        {taken} of {cohort.capacity ?? 'unlimited'} places taken. The public form is {open ? 'open' : 'closed'}
        {open ? (
          <>
            {' '}
            at <a href={`/interest/${cohort.id}`}>{publicUrl}</a>
          </>
        ) : null}
        .
      </p>
      <PostForm action={`/cohorts/${cohort.id}/interest/${open ? 'close' : 'open'}`}>
        <button type="submit" class="button-secondary">
          {open ? 'Close the interest form' : 'Open the interest form'}
        </button>
      </PostForm>
      {entries.length === 0 ? <p>No one has registered interest yet.</p> : null}
      <ol>
        {entries.map((e) => (
          <li class="interest">
            <strong>{e.name}</strong> <span class="break">({e.email})</span> · {statusWords[e.status] ?? e.status} · registered {formatDateTime(e.created_at)}
            {e.why_now ? <p class="quote">{e.why_now}</p> : null}
            {e.status === 'waiting' ? (
              <PostForm action={`/cohorts/${cohort.id}/interest/${e.id}/offer`}>
                <button type="submit" class="button-secondary">
                  Offer a place<span class="visually-hidden"> to {e.name}</span>
                </button>
              </PostForm>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}

export function OfferView({ cohort, base }: { cohort: Cohort; base: string }) {
  return (
    <>
      <h1>A place in {cohort.name}</h1>
      <p>
        Starts {formatDate(cohort.starts_on)}, ends {formatDate(cohort.ends_on)}.
      </p>
      <PostForm action={`${base}/accept`}>
        <button type="submit">Accept the place</button>
      </PostForm>
      <PostForm action={`${base}/decline`}>
        <button type="submit" class="button-secondary">
          No thank you
        </button>
      </PostForm>
    </>
  );
}
