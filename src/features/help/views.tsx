import type { CrisisContact } from '../../db/schema.ts';
import { formatDate } from '../../lib/format.ts';
import type { DataCategory } from '../../db/privacy-registry.ts';
import { CheckboxGroup, ErrorSummary, Notice, PostForm, TextArea, TextField, type FieldErrors } from '../../views/form.tsx';
import { NATIONS, type ContactFormValues } from './forms.ts';
import { ColumnHeads } from '../../views/table.tsx';

export function HelpView({ contacts }: { contacts: CrisisContact[] }) {
  return (
    <>
      <h1>Get help now</h1>
      <p class="lead">If you are struggling or worried about someone, you do not have to wait. These services are free and confidential.</p>
      <p>
        <strong>If someone’s life is in danger right now, call 999.</strong>
      </p>
      <ul class="contact-list">
        {contacts.map((c) => (
          <li class="contact">
            <h2>{c.name}</h2>
            <p class="contact-reach">{c.how_to_reach}</p>
            <p>{c.hours}</p>
            <p class="hint">Covers: {c.nations}</p>
            {c.notes ? <p>{c.notes}</p> : null}
          </li>
        ))}
      </ul>
      <p class="hint">You can leave any session or page at any time. Stepping out never counts against you.</p>
    </>
  );
}

export const contactValues = (c: CrisisContact): ContactFormValues => ({
  name: c.name,
  howToReach: c.how_to_reach,
  hours: c.hours,
  nations: c.nations.split(',').map((n) => n.trim()),
  notes: c.notes ?? '',
  lastCheckedOn: c.last_checked_on,
});

const nationOptions = NATIONS.map((n) => ({ value: n, label: n }));

export function ContactFormView({
  action,
  heading,
  values,
  errors,
  id,
}: {
  action: string;
  heading: string;
  values: ContactFormValues;
  errors?: FieldErrors;
  id?: string;
}) {
  return (
    <>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} />
      <PostForm action={action}>
        <TextField name="name" label="Name of the service" value={values.name} error={errors?.name} />
        <TextField
          name="howToReach"
          label="How to reach them"
          hint="For example: Call 116 123 free, or Text SHOUT to 85258"
          value={values.howToReach}
          error={errors?.howToReach}
        />
        <TextField name="hours" label="When they are open" value={values.hours} error={errors?.hours} />
        <CheckboxGroup name="nations" idPrefix="nation" legend="Where they help" values={values.nations} error={errors?.nations} options={nationOptions} />
        <TextArea name="notes" label="Notes (optional)" value={values.notes} error={errors?.notes} />
        <TextField
          name="lastCheckedOn"
          type="date"
          label="Details last checked on"
          hint="For example 2026-11-23"
          value={values.lastCheckedOn}
          error={errors?.lastCheckedOn}
        />
        <button type="submit">Save contact</button>
      </PostForm>
      {id ? (
        <PostForm action={`/admin/crisis-contacts/${id}/remove`}>
          <button type="submit" class="button-warning">
            Remove this contact
          </button>
        </PostForm>
      ) : null}
      <p>
        <a href="/admin/crisis-contacts">Back to crisis contacts</a>
      </p>
    </>
  );
}

const contactNotices: Record<string, string> = {
  added: 'Contact added. It is on the Get help now page.',
  saved: 'Contact saved.',
  checked: 'Marked as checked today.',
  removed: 'Contact removed.',
};

export function ContactAdminList({ contacts, staleIds, notice }: { contacts: CrisisContact[]; staleIds: Set<string>; notice?: string | undefined }) {
  return (
    <>
      <h1>Crisis contacts</h1>
      <Notice text={notice ? contactNotices[notice] : undefined} />
      <p>
        These appear on the <a href="/help">Get help now</a> page, one click from every page. Check each one at least every six months.
      </p>
      {staleIds.size > 0 ? (
        <div class="warning" role="status">
          <p>
            <strong>
              {staleIds.size} {staleIds.size === 1 ? 'contact was' : 'contacts were'} last checked more than six months ago.
            </strong>{' '}
            Check the details with each service, then mark them as checked.
          </p>
        </div>
      ) : null}
      <p>
        <a class="button" href="/admin/crisis-contacts/new">
          Add a contact
        </a>
      </p>
      <table>
        <caption class="visually-hidden">Crisis contacts</caption>
        <ColumnHeads columns={['Service', 'How to reach them', 'Last checked', 'Actions']} />
        <tbody>
          {contacts.map((c) => (
            <tr>
              <td>{c.name}</td>
              <td>{c.how_to_reach}</td>
              <td>
                {formatDate(c.last_checked_on)}
                {staleIds.has(c.id) ? <strong class="tag tag-warning"> Needs checking</strong> : null}
              </td>
              <td>
                <a href={`/admin/crisis-contacts/${c.id}`}>
                  Edit<span class="visually-hidden"> {c.name}</span>
                </a>
                <PostForm action={`/admin/crisis-contacts/${c.id}/checked`} class="inline-form">
                  <button type="submit" class="link-button">
                    Mark as checked today<span class="visually-hidden"> for {c.name}</span>
                  </button>
                </PostForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

const categoryWords: Record<DataCategory, string> = {
  account: 'your account',
  learning: 'your learning',
  health: 'health information (kept with extra care)',
  assessment_evidence: 'assessment evidence',
  operational: 'running the service',
};

export function PrivacyView({ entries }: { entries: { purpose: string; category: DataCategory }[] }) {
  return (
    <>
      <h1>How we look after your information</h1>
      <p>We keep only what the training needs. This is everything Peer Toolbox stores and why.</p>
      <table>
        <caption class="visually-hidden">What we keep</caption>
        <ColumnHeads columns={['What', 'Kind']} />
        <tbody>
          {entries.map((t) => (
            <tr>
              <td>{t.purpose}</td>
              <td>{categoryWords[t.category]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
