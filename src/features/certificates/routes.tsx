import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { formatDate } from '../../lib/format.ts';
import { fieldErrors, formStrings } from '../../views/form.tsx';
import { allow, currentActor, requireUser } from '../../auth/guards.ts';
import { canIssueCertificates } from '../../policies/index.ts';
import { getCohort } from '../cohorts/index.ts';
import { awardForm, codeForm, issueForm, revokeForm } from './forms.ts';
import { cohortStandings, getCertificate, myAchievements, ownCertificate, publishedKey, publishedKeys, verifyByCode, type CertificateRow } from './queries.ts';
import { issueCertificate, recordAward, revokeCertificate } from './commands.ts';
import { certificateContent, ISSUER_NAME, issuerProfileUrl, normaliseCode, REFUSALS } from './model.ts';
import { certificatePdf } from './pdf.ts';
import { OB_CONTEXT } from './credential.ts';
import { CertificateView, CohortCertificatesView, MyCertificatesView, VerifyFormView, VerifyView } from './views.tsx';

/** A cohort's certificates and accredited awards, for the people who issue them. */
export function cohortCertificateRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canIssueCertificates));

  const page = async (c: Context<AppEnv>, extra: { errors?: Record<string, string>; values?: Record<string, string> } = {}) => {
    const cohort = await getCohort(c.var.deps.db, c.req.param('cohortId')!);
    if (!cohort) return c.notFound();
    const standings = await cohortStandings(c.var.deps.db, cohort, c.var.deps.clock.now());
    return renderPage(c, {
      title: `Certificates: ${cohort.name}`,
      status: extra.errors ? 422 : 200,
      body: <CohortCertificatesView cohort={cohort} standings={standings} notice={c.req.query('notice')} errors={extra.errors} values={extra.values} />,
    });
  };

  app.get('/', (c) => page(c));

  app.post('/', async (c) => {
    const cohortId = c.req.param('cohortId')!;
    const parsed = issueForm.safeParse(formStrings(await c.req.parseBody()));
    if (!parsed.success) return page(c, { errors: fieldErrors(parsed.error) });
    const result = await issueCertificate(c.var.deps, currentActor(c), { cohortId, userId: parsed.data.participant });
    if (!result.ok) return result.error === 'not_found' ? c.notFound() : page(c, { errors: { participant: REFUSALS[result.error] } });
    return c.redirect(`/cohorts/${cohortId}/certificates?notice=issued`, 303);
  });

  app.post('/awards', async (c) => {
    const cohortId = c.req.param('cohortId')!;
    const values = formStrings(await c.req.parseBody());
    const parsed = awardForm.safeParse(values);
    if (!parsed.success) return page(c, { errors: fieldErrors(parsed.error), values });
    const result = await recordAward(c.var.deps, currentActor(c), { cohortId, userId: parsed.data.participant, ...parsed.data });
    if (!result.ok) return result.error === 'not_found' ? c.notFound() : page(c, { errors: { participant: REFUSALS.not_participant }, values });
    return c.redirect(`/cohorts/${cohortId}/certificates?notice=award`, 303);
  });

  return app;
}

/** One certificate for the people who issue them: its details, and revoking it. */
export function certificateRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canIssueCertificates));

  app.get('/:certificateId', async (c) => {
    const certificate = await getCertificate(c.var.deps.db, c.req.param('certificateId'));
    if (!certificate) return c.notFound();
    return renderPage(c, { title: `Certificate ${certificate.code}`, body: <CertificateView certificate={certificate} notice={c.req.query('notice')} /> });
  });

  app.post('/:certificateId/revoke', async (c) => {
    const id = c.req.param('certificateId');
    const certificate = await getCertificate(c.var.deps.db, id);
    if (!certificate) return c.notFound();
    const values = formStrings(await c.req.parseBody());
    const parsed = revokeForm.safeParse(values);
    const refuse = (errors: Record<string, string>) =>
      renderPage(c, {
        title: `Certificate ${certificate.code}`,
        status: 422,
        body: <CertificateView certificate={certificate} errors={errors} values={values} />,
      });
    if (!parsed.success) return refuse(fieldErrors(parsed.error));
    const result = await revokeCertificate(c.var.deps, currentActor(c), id, parsed.data.reason);
    if (!result.ok) {
      if (result.error === 'not_found') return c.notFound();
      // Revoked meanwhile (by someone else, or a second click): already what was asked, with its first reason.
      return c.redirect(`/certificates/${id}?notice=already-revoked`, 303);
    }
    return c.redirect(`/certificates/${id}?notice=revoked`, 303);
  });

  return app;
}

/** A revoked certificate's files are not handed out: a clean PDF or badge would outlive the withdrawal. */
const revokedDownload = (c: Context<AppEnv>, row: CertificateRow) =>
  renderPage(c, {
    title: 'This certificate has been revoked',
    status: 410,
    body: (
      <>
        <h1>This certificate has been revoked</h1>
        <p>
          It was revoked on {formatDate(row.revoked_at!)}, so its PDF and digital badge can no longer be downloaded. Its verification page says it is no longer
          valid.
        </p>
        {row.revoked_reason ? <p>Reason given: {row.revoked_reason}</p> : null}
        <p>
          <a href="/my/certificates">Back to my certificates</a>
        </p>
      </>
    ),
  });

/** A participant's own certificates: the list, the PDF and the Open Badges credential. */
export function myCertificateRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  app.get('/', async (c) =>
    renderPage(c, { title: 'My certificates', body: <MyCertificatesView {...await myAchievements(c.var.deps.db, currentActor(c))} /> }),
  );

  app.get('/:certificateId/certificate.pdf', async (c) => {
    const row = await ownCertificate(c.var.deps.db, currentActor(c), c.req.param('certificateId'));
    if (!row) return c.notFound();
    if (row.revoked_at) return revokedDownload(c, row);
    const pdf = await certificatePdf(certificateContent(c.var.deps.config.baseUrl, row));
    return c.body(new Uint8Array(pdf), 200, {
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="certificate-${row.code}.pdf"`,
    });
  });

  app.get('/:certificateId/credential.jwt', async (c) => {
    const row = await ownCertificate(c.var.deps.db, currentActor(c), c.req.param('certificateId'));
    if (!row) return c.notFound();
    if (row.revoked_at) return revokedDownload(c, row);
    return c.body(row.credential_jwt, 200, {
      'content-type': 'application/vc+jwt',
      'content-disposition': `attachment; filename="badge-${row.code}.jwt"`,
    });
  });

  return app;
}

/** The public verification page: no sign-in, the code is the key. */
export function verifyRoutes() {
  const app = new Hono<AppEnv>();
  // Every answer under /verify, the form and the refusals included: a search engine has no business listing names.
  app.use('*', async (c, next) => {
    await next();
    c.res.headers.set('x-robots-tag', 'noindex');
  });

  app.get('/', async (c) => {
    const typed = c.req.query('code');
    if (typed === undefined) return renderPage(c, { title: 'Check a certificate', body: <VerifyFormView /> });
    const values = { code: typed };
    const parsed = codeForm.safeParse(values);
    const code = parsed.success ? normaliseCode(parsed.data.code) : null;
    if (!code)
      return renderPage(c, {
        title: 'Check a certificate',
        status: 422,
        body: (
          <VerifyFormView
            values={values}
            errors={{ code: parsed.success ? 'Enter the code as printed on the certificate' : fieldErrors(parsed.error).code! }}
          />
        ),
      });
    return c.redirect(`/verify/${code}`, 303);
  });

  app.get('/:code', async (c) => {
    const code = normaliseCode(c.req.param('code'));
    const result = code ? await verifyByCode(c.var.deps.db, c.var.deps.config.baseUrl, code) : null;
    if (!result)
      return renderPage(c, {
        title: 'Check a certificate',
        status: 404,
        body: <VerifyFormView values={{ code: c.req.param('code') }} errors={{ code: 'No certificate has this code. Check it against the certificate.' }} />,
      });
    return renderPage(c, { title: 'Certificate verification', body: <VerifyView result={result} /> });
  });

  return app;
}

/** The issuer profile of every credential, with the public keys they are signed with (ADR 21). */
export function credentialRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/issuer', async (c) => {
    const base = c.var.deps.config.baseUrl;
    return c.json(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2', OB_CONTEXT],
        id: issuerProfileUrl(base),
        type: ['Profile'],
        name: ISSUER_NAME,
        url: base,
        publicKey: await publishedKeys(c.var.deps.db, base),
      },
      200,
      { 'cache-control': 'public, max-age=300' },
    );
  });
  // Each credential's `kid`: the one public key it was signed with, so a verifier can fetch it by that name.
  app.get('/keys/:keyId', async (c) => {
    const jwk = await publishedKey(c.var.deps.db, c.var.deps.config.baseUrl, c.req.param('keyId'));
    if (!jwk) return c.notFound();
    return c.body(JSON.stringify(jwk), 200, { 'content-type': 'application/jwk+json', 'cache-control': 'public, max-age=300' });
  });
  return app;
}
