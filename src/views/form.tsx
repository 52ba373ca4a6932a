import type { Child } from 'hono/jsx';
import type { z } from 'zod';

/** Field name → first problem with it, in the order the fields appear on the form. */
export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string>;

/** Turns a failed Zod parse into one message per field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

// Control characters other than tab, line feed and carriage return: never typed by a person, and
// PostgreSQL refuses NUL in text outright (SQLite keeps it), so one engine would lose the writing.
const CONTROL_CHARACTERS = /[^\P{Cc}\t\n\r]/gu;

/**
 * What a person's typing may contain once it reaches the app: control characters removed and line
 * ends made `\n` (browsers send a textarea's lines as CRLF), so both engines store the same text and
 * a word count or a length limit means the same thing everywhere.
 */
export function cleanFormText(value: string): string {
  return value.replace(CONTROL_CHARACTERS, '').replace(/\r\n?/g, '\n');
}

/**
 * Reads a urlencoded or multipart body into plain, cleaned strings (files are handled by their own
 * routes). Every route's form goes through here: `formStrings(await c.req.parseBody())`.
 */
export function formStrings(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = cleanFormText(v);
  }
  return out;
}

const fieldId = (name: string) => `field-${name}`;

/** The GOV.UK-style summary at the top of a failed form, each problem linking to its field. */
export function ErrorSummary({ errors }: { errors: FieldErrors | undefined }) {
  const entries = Object.entries(errors ?? {});
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} data-error-summary>
      <h2 id="error-summary-title">There is a problem</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={`#${fieldId(name)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  /** Needed only when a page has several forms with a field of the same name. */
  id?: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value?: string | undefined;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A field's hint and its error message, with the ids that `aria-describedby` points at. */
function HintAndError({ id, hint, error }: { id: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

function FieldFrame({ name, id = fieldId(name), label, hint, error, children }: FieldProps & { children: Child }) {
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={id}>{label}</label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

export function TextField(
  props: FieldProps & { type?: 'text' | 'email' | 'password' | 'date' | 'url' | 'tel'; autocomplete?: string; required?: boolean; spellcheck?: boolean },
) {
  const { name, type = 'text', value, error, hint, autocomplete, required } = props;
  const id = props.id ?? fieldId(name);
  return (
    <FieldFrame {...props}>
      <input
        id={id}
        name={name}
        type={type}
        value={type === 'password' ? undefined : value}
        autocomplete={autocomplete}
        required={required}
        spellcheck={props.spellcheck === false ? false : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { rows?: number }) {
  const { name, value, error, hint, rows = 4 } = props;
  const id = props.id ?? fieldId(name);
  return (
    <FieldFrame {...props}>
      <textarea id={id} name={name} rows={rows} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)}>
        {value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function Select(props: FieldProps & { options: ReadonlyArray<{ value: string; label: string }> }) {
  const { name, value, error, hint, options } = props;
  const id = props.id ?? fieldId(name);
  return (
    <FieldFrame {...props}>
      <select id={id} name={name} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)}>
        {options.map((o) => (
          <option value={o.value} selected={o.value === (value ?? '')}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A form that posts; every state-changing action in the app is a POST from one of these. */
export function PostForm({ action, children, class: cls }: { action: string; children: Child; class?: string }) {
  return (
    <form method="post" action={action} class={cls} novalidate>
      {children}
    </form>
  );
}

interface ChoiceGroupProps {
  name: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  options: ReadonlyArray<{ value: string; label: Child; hint?: string }>;
  /** Id prefix of each choice's input; defaults to the field's name. Needed when one page shows two groups with one name. */
  idPrefix?: string;
}

/**
 * A fieldset of radios or checkboxes with its legend, hint and error in one place. The wrapper carries
 * `field-<name>`, so the error summary's link lands on the group.
 */
function ChoiceGroup({
  type,
  name,
  legend,
  hint,
  error,
  options,
  idPrefix = name,
  isChecked,
}: ChoiceGroupProps & { type: 'radio' | 'checkbox'; isChecked: (value: string) => boolean }) {
  const id = fieldId(name);
  return (
    <div class={error ? 'field field-error' : 'field'} id={id}>
      <fieldset aria-describedby={describedBy(id, hint, error)}>
        <legend>{legend}</legend>
        <HintAndError id={id} hint={hint} error={error} />
        {options.map((o, i) => (
          <div class={type}>
            <input type={type} id={`${idPrefix}-${i}`} name={name} value={o.value} checked={isChecked(o.value)} />
            <label for={`${idPrefix}-${i}`}>
              {o.label}
              {o.hint ? <span class="hint"> {o.hint}</span> : null}
            </label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/** Choose one of a few options. */
export function RadioGroup(props: ChoiceGroupProps & { value?: string | undefined }) {
  return <ChoiceGroup {...props} type="radio" isChecked={(v) => v === props.value} />;
}

/** Choose any of a few options; `values` are the ticked ones. For a single yes/no tick give one option. */
export function CheckboxGroup(props: ChoiceGroupProps & { values?: readonly string[] | undefined }) {
  return <ChoiceGroup {...props} type="checkbox" isChecked={(v) => props.values?.includes(v) ?? false} />;
}

/**
 * A short confirmation after an action ("Saved."), announced to screen readers. Pages map a `?notice=`
 * code to their own wording, so nothing a visitor types is echoed back.
 */
export function Notice({ text, children }: { text?: string | undefined | null; children?: Child }) {
  if (!text && !children) return null;
  return (
    <div class="notice" role="status">
      {text ? <p>{text}</p> : children}
    </div>
  );
}
