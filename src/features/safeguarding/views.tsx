import { formatDateTime } from '../../lib/format.ts';
import { ErrorSummary, Notice, PostForm, RadioGroup, Select, TextArea, TextField, type FieldErrors, type FormValues } from '../../views/form.tsx';
import { RISK } from './forms.ts';
import type { Concern, ConcernSummary, Lead } from './queries.ts';

const DANGER = <strong>If someone is in immediate danger, call 999 now.</strong>;

export function RaiseConcernView({
  cohortId,
  participants,
  values = {},
  errors,
}: {
  cohortId: string;
  participants: ReadonlyArray<{ user_id: string; name: string }>;
  values?: FormValues;
  errors?: FieldErrors | undefined;
}) {
  return (
    <>
      <h1>Raise a safeguarding concern</h1>
      <div class="warning">
        <p>
          {DANGER} Then record it here. <a href="/help">Crisis contacts</a>
        </p>
      </div>
      <p>This goes to your organisation’s safeguarding leads. Only they and you can read it. Keep to the facts: what you saw or heard, and what you did.</p>
      <ErrorSummary errors={errors} />
      <PostForm action={`/cohorts/${cohortId}/concerns/new`}>
        <Select
          name="participant"
          label="Who is it about?"
          value={values.participant}
          error={errors?.participant}
          options={[{ value: '', label: 'Choose…' }, ...participants.map((p) => ({ value: p.user_id, label: p.name }))]}
        />
        <TextArea name="whatHappened" label="What did you see or hear?" rows={6} value={values.whatHappened} error={errors?.whatHappened} />
        <RadioGroup
          name="immediateRisk"
          idPrefix="risk"
          legend="Is there immediate risk?"
          value={values.immediateRisk}
          error={errors?.immediateRisk}
          options={RISK}
        />
        <TextArea name="actionTaken" label="What have you done so far?" rows={4} value={values.actionTaken} error={errors?.actionTaken} />
        <button type="submit">Send to the safeguarding leads</button>
      </PostForm>
    </>
  );
}

const status = (c: { outcome: string | null; acknowledged_at: string | null }) =>
  c.outcome ? 'Closed' : c.acknowledged_at ? 'Acknowledged' : 'Waiting for a lead';

export function ConcernListView({ concerns, isLead }: { concerns: ConcernSummary[]; isLead: boolean }) {
  return (
    <>
      <h1>Safeguarding concerns</h1>
      <p>{isLead ? 'You are a safeguarding lead: every concern raised is listed here.' : 'Concerns you have raised.'}</p>
      {concerns.length === 0 ? <p>None.</p> : null}
      <ul>
        {concerns.map((r) => (
          <li>
            <a href={`/safeguarding/${r.id}`}>About {r.name}</a>, {formatDateTime(r.created_at)} · {status(r)}
            {r.immediate_risk === 'yes' ? <strong> · immediate risk</strong> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

const concernNotices: Record<string, string> = {
  raised: 'Sent. The safeguarding leads have been alerted.',
  acknowledged: 'Acknowledged. The person who raised it can see that a lead has it.',
  closed: 'Outcome recorded. The concern is closed.',
};

export function ConcernView({
  concern,
  canHandle,
  notice,
  risk,
  outcome,
  errors,
}: {
  concern: Concern;
  canHandle: boolean;
  notice?: string | undefined;
  /** Shown after raising a concern that may involve immediate risk. */
  risk?: boolean;
  /** The outcome as typed, when it has to be shown again. */
  outcome?: string | undefined;
  errors?: FieldErrors | undefined;
}) {
  return (
    <>
      <p class="breadcrumb">
        <a href="/safeguarding">Safeguarding concerns</a>
      </p>
      <h1>Safeguarding concern about {concern.subject_name}</h1>
      <Notice text={notice ? concernNotices[notice] : undefined} />
      {notice === 'raised' && risk ? (
        <div class="warning">
          <p>{DANGER}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <dl class="summary-list">
        <div>
          <dt>Raised by</dt>
          <dd>
            {concern.raised_by_name}, {formatDateTime(concern.created_at)}
          </dd>
        </div>
        <div>
          <dt>What was seen or heard</dt>
          <dd class="diff">{concern.what_happened}</dd>
        </div>
        <div>
          <dt>Immediate risk</dt>
          <dd>{RISK.find((r) => r.value === concern.immediate_risk)?.label}</dd>
        </div>
        <div>
          <dt>What was done</dt>
          <dd class="diff">{concern.action_taken}</dd>
        </div>
        <div>
          <dt>Acknowledged</dt>
          <dd>{concern.acknowledged_at ? `${concern.acknowledged_by_name ?? 'A lead'}, ${formatDateTime(concern.acknowledged_at)}` : 'Not yet'}</dd>
        </div>
        {concern.outcome ? (
          <div>
            <dt>Outcome</dt>
            <dd class="diff">{concern.outcome}</dd>
          </div>
        ) : null}
      </dl>
      {outcome && errors && (errors.form || !(canHandle && concern.acknowledged_at && !concern.outcome)) ? (
        <>
          <h2>Your outcome (not saved)</h2>
          <p class="diff">{outcome}</p>
        </>
      ) : null}
      {canHandle && !concern.acknowledged_at ? (
        <PostForm action={`/safeguarding/${concern.id}/acknowledge`}>
          <button type="submit">Acknowledge</button>
        </PostForm>
      ) : null}
      {canHandle && concern.acknowledged_at && !concern.outcome ? (
        <PostForm action={`/safeguarding/${concern.id}/outcome`}>
          <TextArea name="outcome" label="Outcome" hint="What was decided and done. Closes the concern." rows={4} value={outcome} error={errors?.outcome} />
          <button type="submit">Record outcome</button>
        </PostForm>
      ) : null}
    </>
  );
}

const leadNotices: Record<string, string> = {
  added: 'Safeguarding lead added.',
  removed: 'Safeguarding lead removed.',
};

export function LeadsView({ leads, notice, values = {}, errors }: { leads: Lead[]; notice?: string | undefined; values?: FormValues; errors?: FieldErrors }) {
  return (
    <>
      <h1>Safeguarding leads</h1>
      <Notice text={notice ? leadNotices[notice] : undefined} />
      <p>Concerns raised by facilitators and assessors go to these people, and only to them.</p>
      {leads.length === 0 ? (
        <div class="warning">
          <p>No safeguarding lead is named. Name at least one, or concerns will reach no one.</p>
        </div>
      ) : null}
      <ul>
        {leads.map((l) => (
          <li>
            {l.name} ({l.email}){' '}
            <PostForm action={`/admin/safeguarding-leads/${l.id}/remove`} class="inline-form">
              <button type="submit" class="link-button">
                Remove<span class="visually-hidden"> {l.name}</span>
              </button>
            </PostForm>
          </li>
        ))}
      </ul>
      <ErrorSummary errors={errors} />
      <PostForm action="/admin/safeguarding-leads">
        <TextField name="email" type="email" label="Email address of the person to add" value={values.email} error={errors?.email} />
        <button type="submit">Add safeguarding lead</button>
      </PostForm>
    </>
  );
}
