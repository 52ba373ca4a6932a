import { CheckboxGroup, ErrorSummary, Notice, PostForm, TextArea, type FieldErrors, type FormValues } from '../../../views/form.tsx';
import type { ConsentPurpose, ConsentText } from './model.ts';

const notices: Record<string, string> = { consent: 'Your choices have been saved.' };

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The participant's consent choices, one tick box per purpose with what saying no later means. */
export function ConsentView({
  texts,
  given,
  agreed,
  notice,
  errors,
}: {
  texts: ConsentText[];
  given: ReadonlySet<ConsentPurpose>;
  agreed: ReadonlyMap<string, number>;
  notice?: string | undefined;
  errors?: FieldErrors;
}) {
  return (
    <>
      <h1>Your choices about your information</h1>
      <Notice text={notice ? notices[notice] : undefined} />
      <ErrorSummary errors={errors} />
      <p>
        Your recovery story and reflections are health information. We keep them with extra care, and you decide what happens to them. Each choice is separate,
        and you can change your mind at any time.
      </p>
      <PostForm action="/my/consent">
        {texts.map((p) => (
          <div class="consent">
            <h2>{p.label}</h2>
            {given.has(p.purpose) && agreed.get(p.purpose) !== p.version ? (
              <p class="warning">The wording has changed since you agreed. Please read it again; saving your choices agrees to this version.</p>
            ) : null}
            <p>{p.text}</p>
            <CheckboxGroup
              name={p.purpose}
              idPrefix={`consent-${p.purpose}`}
              legend={`Your choice: ${lowerFirst(p.label)}`}
              hint={`If you later say no: ${p.withdrawEffect}`}
              error={errors?.[p.purpose]}
              options={[{ value: 'yes', label: `Yes: ${lowerFirst(p.label)}` }]}
              values={given.has(p.purpose) ? ['yes'] : []}
            />
          </div>
        ))}
        <button type="submit">Save my choices</button>
      </PostForm>
    </>
  );
}

/** The programme team's page for the consent wording: each save makes a new version. */
export function ConsentTextsView({
  texts,
  failed,
}: {
  texts: ConsentText[];
  /** The purpose whose form failed, what was typed in it and what was wrong. */
  failed?: { purpose: ConsentPurpose; values: FormValues; errors: FieldErrors };
}) {
  const summary = failed ? Object.fromEntries(Object.entries(failed.errors).map(([k, v]) => [`${failed.purpose}-${k}`, v])) : undefined;
  return (
    <>
      <h1>Consent wording</h1>
      <ErrorSummary errors={summary} />
      <p>
        Participants see this before they write anything. Saving new wording makes a new version; consents already given keep the version agreed, and
        participants are asked to read the new wording.
      </p>
      {texts.map((t) => {
        const mine = failed?.purpose === t.purpose ? failed : undefined;
        return (
          <section class="consent">
            <h2>
              {t.label} <span class="hint">(version {t.version})</span>
            </h2>
            <PostForm action={`/admin/consent-texts/${t.purpose}`}>
              <TextArea
                name="text"
                id={`field-${t.purpose}-text`}
                label="What we tell participants"
                rows={5}
                value={mine ? mine.values.text : t.text}
                error={mine?.errors.text}
              />
              <TextArea
                name="withdrawEffect"
                id={`field-${t.purpose}-withdrawEffect`}
                label="What happens if they say no later"
                rows={2}
                value={mine ? mine.values.withdrawEffect : t.withdrawEffect}
                error={mine?.errors.withdrawEffect}
              />
              <button type="submit">Save as version {t.version + 1}</button>
            </PostForm>
          </section>
        );
      })}
    </>
  );
}
