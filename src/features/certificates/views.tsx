import { ErrorSummary, Notice, PostForm, Select, TextArea, TextField, type FieldErrors, type FormValues } from '../../views/form.tsx';
import { formatDate } from '../../lib/format.ts';
import type { AwardRow, CertificateRow, ParticipantStanding, Verification } from './queries.ts';

const NOTICES: Record<string, string> = {
  issued: 'Certificate issued. The participant can now download it and its digital badge.',
  award: 'Accredited award recorded.',
  revoked: 'Certificate revoked. Its verification page now says so.',
  'already-revoked': 'This certificate had already been revoked; the reason given then is kept.',
};

const certificateStatus = (c: CertificateRow) => (c.revoked_at ? `Revoked on ${formatDate(c.revoked_at)}` : 'Valid');

function AwardsList({ awards }: { awards: AwardRow[] }) {
  if (awards.length === 0) return null;
  return (
    <ul>
      {awards.map((a) => (
        <li>
          {a.title}, {a.level}
          {a.credits !== null ? `, ${a.credits} credits` : ''}, awarded by {a.awarding_body} on {formatDate(a.awarded_on)}
        </li>
      ))}
    </ul>
  );
}

/** The coordinator's page for a cohort: who has completed, certificates issued, awards recorded. */
export function CohortCertificatesView(props: {
  cohort: { id: string; name: string };
  standings: ParticipantStanding[];
  notice?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}) {
  const { cohort, standings, errors, values } = props;
  const finished = standings.length > 0 && standings.every((s) => s.eligibility.ok || s.eligibility.reason !== 'not_finished');
  return (
    <>
      <h1>Certificates: {cohort.name}</h1>
      <ErrorSummary errors={errors} />
      <Notice text={props.notice ? NOTICES[props.notice] : undefined} />
      <p>
        A <strong>certificate of completion</strong> is issued here, with a digital badge (Open Badges 3.0), to a participant who completed the cohort by its
        rules. An <strong>accredited award</strong> is made by an awarding body; record it below once they confirm it.
      </p>
      {!finished ? <Notice text="This cohort has not finished yet: certificates can be issued once every session has been held." /> : null}
      <h2>Participants</h2>
      {standings.length === 0 ? (
        <p>This cohort has no participants.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Completion</th>
              <th scope="col">Certificate</th>
              <th scope="col">Accredited awards</th>
            </tr>
          </thead>
          <tbody>
            {standings.map((s) => {
              const current = s.certificates.find((c) => !c.revoked_at);
              return (
                <tr>
                  <th scope="row">{s.name}</th>
                  <td>
                    {s.eligibility.requirements.map((r) => (
                      <span>
                        {r.met ? 'Met: ' : 'Not met: '}
                        {r.detail}{' '}
                      </span>
                    ))}
                  </td>
                  <td>
                    {s.certificates.map((c) => (
                      <p>
                        <a href={`/certificates/${c.id}`}>{c.code}</a> ({certificateStatus(c)})
                      </p>
                    ))}
                    {!current && s.eligibility.ok ? (
                      <PostForm action={`/cohorts/${cohort.id}/certificates`}>
                        <input type="hidden" name="participant" value={s.userId} />
                        <button type="submit">Issue certificate to {s.name}</button>
                      </PostForm>
                    ) : null}
                  </td>
                  <td>
                    <AwardsList awards={s.awards} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {standings.length > 0 ? (
        <>
          <h2>Record an accredited award</h2>
          <PostForm action={`/cohorts/${cohort.id}/certificates/awards`}>
            <Select
              name="participant"
              label="Participant"
              value={values?.participant}
              error={errors?.participant}
              options={[{ value: '', label: 'Choose a participant' }, ...standings.map((s) => ({ value: s.userId, label: s.name }))]}
            />
            <TextField name="title" label="Award title" value={values?.title} error={errors?.title} />
            <TextField
              name="level"
              label="Level"
              hint="As the awarding body states it, for example SCQF level 7."
              value={values?.level}
              error={errors?.level}
            />
            <TextField name="credits" label="Credits (optional)" value={values?.credits} error={errors?.credits} />
            <TextField name="awardingBody" label="Awarding body" value={values?.awardingBody} error={errors?.awardingBody} />
            <TextField name="awardedOn" type="date" label="Date of the award" value={values?.awardedOn} error={errors?.awardedOn} />
            <button type="submit">Record award</button>
          </PostForm>
        </>
      ) : null}
    </>
  );
}

/** One certificate, for the people who issue them, with the form to revoke it. */
export function CertificateView(props: {
  certificate: CertificateRow;
  notice?: string | undefined;
  errors?: FieldErrors | undefined;
  values?: FormValues | undefined;
}) {
  const c = props.certificate;
  return (
    <>
      <h1>Certificate {c.code}</h1>
      <ErrorSummary errors={props.errors} />
      <Notice text={props.notice ? NOTICES[props.notice] : undefined} />
      <dl>
        <dt>Name</dt>
        <dd>{c.recipient_name}</dd>
        <dt>Programme</dt>
        <dd>{c.programme_title}</dd>
        <dt>Completed on</dt>
        <dd>{formatDate(c.completed_on)}</dd>
        <dt>Issued</dt>
        <dd>{formatDate(c.issued_at)}</dd>
        <dt>Status</dt>
        <dd>{certificateStatus(c)}</dd>
        {c.revoked_reason ? (
          <>
            <dt>Reason for revoking</dt>
            <dd>{c.revoked_reason}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/verify/${c.code}`}>Public verification page</a> · <a href={`/cohorts/${c.cohort_id}/certificates`}>Back to the cohort’s certificates</a>
      </p>
      {!c.revoked_at ? (
        <>
          <h2>Revoke this certificate</h2>
          <PostForm action={`/certificates/${c.id}/revoke`}>
            <TextArea
              name="reason"
              label="Reason for revoking"
              hint="Kept with the certificate; the public page says only that it was revoked."
              value={props.values?.reason}
              error={props.errors?.reason}
            />
            <button type="submit">Revoke certificate</button>
          </PostForm>
        </>
      ) : null}
    </>
  );
}

/** A participant's own certificates and awards. */
export function MyCertificatesView({ certificates, awards }: { certificates: CertificateRow[]; awards: AwardRow[] }) {
  return (
    <>
      <h1>My certificates</h1>
      {certificates.length === 0 ? <p>You have no certificates yet. They appear here when a coordinator issues one at the end of a course.</p> : null}
      {certificates.map((c) => (
        <section>
          <h2>{c.programme_title}</h2>
          <p>
            Completed on {formatDate(c.completed_on)}. Verification code <strong>{c.code}</strong>. Status: {certificateStatus(c)}.
          </p>
          {c.revoked_reason ? <p>Reason given: {c.revoked_reason}</p> : null}
          <ul>
            {c.revoked_at ? null : (
              <>
                <li>
                  <a href={`/my/certificates/${c.id}/certificate.pdf`}>Download the certificate (PDF)</a>
                </li>
                <li>
                  <a href={`/my/certificates/${c.id}/credential.jwt`}>Download the digital badge</a> (an Open Badges 3.0 credential you can add to a digital
                  wallet)
                </li>
              </>
            )}
            <li>
              <a href={`/verify/${c.code}`}>The public verification page</a>, to share with an employer
            </li>
          </ul>
        </section>
      ))}
      {awards.length ? (
        <>
          <h2>Accredited awards</h2>
          <p>Made by an awarding body; their own certificate is the record of the award.</p>
          <AwardsList awards={awards} />
        </>
      ) : null}
    </>
  );
}

/** The public verification page: name, programme, date and status, and nothing else. */
export function VerifyView({ result }: { result: Verification }) {
  return (
    <>
      <h1>Certificate verification</h1>
      {result.status === 'revoked' ? (
        <div class="error-summary" role="alert">
          <h2>This certificate has been revoked</h2>
          <p>It was revoked on {formatDate(result.revokedOn!)} and is no longer valid.</p>
        </div>
      ) : (
        <Notice text={result.credentialVerified ? 'This certificate is valid. Its digital badge is verified: its signature checks out.' : undefined} />
      )}
      <dl>
        <dt>Name</dt>
        <dd>{result.name}</dd>
        <dt>Programme</dt>
        <dd>{result.programme}</dd>
        <dt>Completed on</dt>
        <dd>{formatDate(result.completedOn)}</dd>
        <dt>Status</dt>
        <dd>{result.status === 'revoked' ? 'Revoked' : 'Valid'}</dd>
        <dt>Digital badge</dt>
        <dd>
          {result.status === 'revoked' ? 'Not valid: the certificate has been revoked' : result.credentialVerified ? 'Verified' : 'Could not be verified'}
        </dd>
      </dl>
      <p>Verification code {result.code}. This is a certificate of completion, not an accredited qualification.</p>
    </>
  );
}

/** The form to type a verification code. */
export function VerifyFormView(props: { errors?: FieldErrors | undefined; values?: FormValues | undefined; notFound?: boolean }) {
  return (
    <>
      <h1>Check a certificate</h1>
      <ErrorSummary errors={props.errors} />
      <p>Enter the verification code printed on the certificate.</p>
      <form method="get" action="/verify" novalidate>
        <TextField
          name="code"
          label="Verification code"
          hint="Twelve letters and numbers, for example ABCD-EFGH-JKLM."
          value={props.values?.code}
          error={props.errors?.code}
          spellcheck={false}
        />
        <button type="submit">Check</button>
      </form>
    </>
  );
}
