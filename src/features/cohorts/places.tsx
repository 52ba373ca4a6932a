import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { AppEnv, Deps } from '../../types.ts';
import type { Actor } from '../../policies/actor.ts';
import { renderPage } from '../../views/layout.tsx';
import { ErrorSummary, fieldErrors, formStrings, PostForm, TextArea, TextField, type FieldErrors, type FormValues } from '../../views/form.tsx';
import { allow, currentActor, requireUser } from '../../auth/guards.ts';
import { authorize } from '../../policies/index.ts';
import { canManageCohorts } from '../../policies/cohorts.ts';
import { recordAudit } from '../../audit/audit.ts';
import { lockCohortRow } from '../../db/index.ts';
import { toDbBool, toNumber } from '../../db/helpers.ts';
import { hashSecret, newSecret } from '../../lib/tokens.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { createInvitedUser, sendInvitation } from '../admin-users/commands.ts';
import { getCohort, type Cohort } from './queries.ts';

const interestForm = z.object({
  name: z.string().trim().min(1, 'Enter your name').max(120, 'Name must be 120 characters or fewer'),
  email: z.string().trim().toLowerCase().pipe(z.email('Enter an email address in the right format, like name@example.org')),
  whyNow: z.string().trim().max(1000, 'Please keep this to 1,000 characters or fewer').default(''),
});

const statusWords: Record<string, string> = { waiting: 'Waiting', offered: 'Offered a place', accepted: 'Accepted', declined: 'Declined' };

export type AcceptResult = { ok: true } | { ok: false; reason: 'full' | 'invalid' };

/**
 * Takes up an offered place. The cohort row is locked for the transaction, so two people accepting
 * the last place at the same moment are served one after the other and capacity is never exceeded.
 */
export async function acceptPlace(deps: Deps, token: string): Promise<AcceptResult> {
  const entry = await deps.db.selectFrom('cohort_interest').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirst();
  if (!entry || entry.status !== 'offered') return { ok: false, reason: 'invalid' };
  const outcome = await deps.db.transaction().execute(async (trx) => {
    await lockCohortRow(trx, deps.database.engine, entry.cohort_id);
    const fresh = await trx.selectFrom('cohort_interest').select('status').where('id', '=', entry.id).executeTakeFirstOrThrow();
    if (fresh.status !== 'offered') return { ok: false as const, reason: 'invalid' as const };
    const cohort = await trx.selectFrom('cohorts').select(['capacity', 'created_by']).where('id', '=', entry.cohort_id).executeTakeFirstOrThrow();
    const taken = toNumber(
      (
        await trx
          .selectFrom('cohort_members')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('cohort_id', '=', entry.cohort_id)
          .where('role', '=', 'participant')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const now = deps.clock.now().toISOString();
    if (cohort.capacity !== null && taken >= cohort.capacity) {
      await trx.updateTable('cohort_interest').set({ status: 'waiting', token_hash: null, responded_at: now }).where('id', '=', entry.id).execute();
      return { ok: false as const, reason: 'full' as const };
    }
    let user = await trx.selectFrom('users').select('id').where('email', '=', entry.email).executeTakeFirst();
    let invitation: { userId: string; secret: string } | null = null;
    if (!user) {
      invitation = await createInvitedUser(trx, deps.clock, cohort.created_by, { name: entry.name, email: entry.email, role: null });
      user = { id: invitation.userId };
    }
    const already = await trx
      .selectFrom('cohort_members')
      .select('id')
      .where('cohort_id', '=', entry.cohort_id)
      .where('user_id', '=', user.id)
      .where('role', '=', 'participant')
      .executeTakeFirst();
    if (!already) {
      await trx
        .insertInto('cohort_members')
        .values({
          id: crypto.randomUUID(),
          cohort_id: entry.cohort_id,
          user_id: user.id,
          role: 'participant',
          is_lead: toDbBool(false),
          lived_experience: toDbBool(false),
          created_at: now,
        })
        .execute();
    }
    await trx.updateTable('cohort_interest').set({ status: 'accepted', token_hash: null, responded_at: now }).where('id', '=', entry.id).execute();
    await recordAudit(trx, deps.clock, { action: 'place_accepted', subjectUserId: user.id, targetType: 'cohort', targetId: entry.cohort_id });
    return { ok: true as const, invitation };
  });
  if (!outcome.ok) return outcome;
  if (outcome.invitation) {
    const cohort = (await getCohort(deps.db, entry.cohort_id))!;
    const inviter: Actor = { id: '', name: 'The programme team', email: '', role: null, cohortRoles: [] };
    await sendInvitation(deps, { email: entry.email, name: entry.name, role: null }, inviter, outcome.invitation.secret, cohort.name);
  }
  return { ok: true };
}

/** Expressions of interest and offers of places. */
export function placesRoutes() {
  const app = new Hono<AppEnv>();

  const openCohort = async (c: Context<AppEnv>): Promise<Cohort> => {
    const cohort = await getCohort(c.var.deps.db, c.req.param('cohortId') ?? '');
    if (!cohort || cohort.interest_open !== 1) throw new HTTPException(404);
    return cohort;
  };

  const interestPage = (c: Context<AppEnv>, cohort: Cohort, values: FormValues = {}, errors?: FieldErrors) =>
    renderPage(c, {
      title: `Interested in ${cohort.name}`,
      status: errors ? 422 : 200,
      body: (
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
      ),
    });

  app.get('/interest/:cohortId', async (c) => interestPage(c, await openCohort(c)));

  app.post('/interest/:cohortId', async (c) => {
    const cohort = await openCohort(c);
    const values = formStrings(await c.req.parseBody());
    const parsed = interestForm.safeParse(values);
    if (!parsed.success) return interestPage(c, cohort, values, fieldErrors(parsed.error));
    const { db, clock } = c.var.deps;
    const existing = await db
      .selectFrom('cohort_interest')
      .select('id')
      .where('cohort_id', '=', cohort.id)
      .where('email', '=', parsed.data.email)
      .executeTakeFirst();
    if (!existing) {
      await db
        .insertInto('cohort_interest')
        .values({
          id: crypto.randomUUID(),
          cohort_id: cohort.id,
          name: parsed.data.name,
          email: parsed.data.email,
          why_now: parsed.data.whyNow,
          status: 'waiting',
          token_hash: null,
          created_at: clock.now().toISOString(),
          offered_at: null,
          responded_at: null,
        })
        .execute();
    }
    // The same answer either way, so the form does not reveal who has already registered.
    return renderPage(c, {
      title: 'Thank you',
      body: (
        <>
          <h1>Thank you</h1>
          <p>We have your details. We will email you if a place becomes free.</p>
        </>
      ),
    });
  });

  const manage = new Hono<AppEnv>();
  manage.use('/:cohortId/interest', requireUser, allow(canManageCohorts));
  manage.use('/:cohortId/interest/*', requireUser, allow(canManageCohorts));

  manage.get('/:cohortId/interest', async (c) => {
    const cohort = await getCohort(c.var.deps.db, c.req.param('cohortId'));
    if (!cohort) return c.notFound();
    const { db, clock } = c.var.deps;
    const entries = await db.selectFrom('cohort_interest').selectAll().where('cohort_id', '=', cohort.id).orderBy('created_at').execute();
    const taken = toNumber(
      (
        await db
          .selectFrom('cohort_members')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('cohort_id', '=', cohort.id)
          .where('role', '=', 'participant')
          .executeTakeFirstOrThrow()
      ).n,
    );
    // "Why now" may hold health information: every reading of the list is recorded.
    if (entries.length)
      await recordAudit(db, clock, {
        action: 'interest_viewed',
        actorUserId: currentActor(c).id,
        targetType: 'cohort',
        targetId: cohort.id,
        details: { entries: entries.length },
      });
    return renderPage(c, {
      title: 'Interest and places',
      body: (
        <>
          <p class="breadcrumb">
            <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
          </p>
          <h1>Interest and places</h1>
          <p>
            {taken} of {cohort.capacity ?? 'unlimited'} places taken. The public form is {cohort.interest_open ? 'open' : 'closed'}
            {cohort.interest_open ? (
              <>
                {' '}
                at <a href={`/interest/${cohort.id}`}>{`${c.var.deps.config.baseUrl}/interest/${cohort.id}`}</a>
              </>
            ) : null}
            .
          </p>
          <PostForm action={`/cohorts/${cohort.id}/interest/${cohort.interest_open ? 'close' : 'open'}`}>
            <button type="submit" class="button-secondary">
              {cohort.interest_open ? 'Close the interest form' : 'Open the interest form'}
            </button>
          </PostForm>
          {entries.length === 0 ? <p>No one has registered interest yet.</p> : null}
          <ol>
            {entries.map((e) => (
              <li class="interest">
                <strong>{e.name}</strong> <span class="break">({e.email})</span> · {statusWords[e.status] ?? e.status} · registered{' '}
                {formatDateTime(e.created_at)}
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
      ),
    });
  });

  for (const state of ['open', 'close'] as const) {
    manage.post(`/:cohortId/interest/${state}`, async (c) => {
      authorize(canManageCohorts(c.var.actor));
      await c.var.deps.db
        .updateTable('cohorts')
        .set({ interest_open: state === 'open' ? 1 : 0 })
        .where('id', '=', c.req.param('cohortId'))
        .execute();
      return c.redirect(`/cohorts/${c.req.param('cohortId')}/interest`, 303);
    });
  }

  manage.post('/:cohortId/interest/:entryId/offer', async (c) => {
    const { db, clock, mailer, config } = c.var.deps;
    const cohort = await getCohort(db, c.req.param('cohortId'));
    const entry = await db
      .selectFrom('cohort_interest')
      .selectAll()
      .where('id', '=', c.req.param('entryId'))
      .where('cohort_id', '=', c.req.param('cohortId'))
      .executeTakeFirst();
    if (!cohort || !entry) return c.notFound();
    if (entry.status === 'waiting') {
      const token = newSecret();
      await db
        .updateTable('cohort_interest')
        .set({ status: 'offered', token_hash: hashSecret(token), offered_at: clock.now().toISOString() })
        .where('id', '=', entry.id)
        .execute();
      await mailer.send({
        to: entry.email,
        subject: `A place in ${cohort.name}`,
        text: `Hello ${entry.name},\n\nA place is free in ${cohort.name}, starting ${formatDate(cohort.starts_on)}. To take it, or to let someone else have it, open:\n\n${config.baseUrl}/places/${token}\n\nPlaces go to whoever accepts first.\n`,
      });
    }
    return c.redirect(`/cohorts/${cohort.id}/interest`, 303);
  });

  app.route('/cohorts', manage);

  const offerPage = async (c: Context<AppEnv>, message?: string) => {
    const entry = await c.var.deps.db
      .selectFrom('cohort_interest')
      .select(['cohort_id', 'status', 'name'])
      .where('token_hash', '=', hashSecret(c.req.param('token') ?? ''))
      .executeTakeFirst();
    const cohort = entry ? await getCohort(c.var.deps.db, entry.cohort_id) : undefined;
    if (!entry || !cohort || entry.status !== 'offered') {
      return renderPage(c, {
        title: 'This offer is no longer open',
        status: 404,
        body: (
          <>
            <h1>This offer is no longer open</h1>
            <p>{message ?? 'The place may have been taken or the offer answered already.'}</p>
          </>
        ),
      });
    }
    const base = `/places/${c.req.param('token')}`;
    return renderPage(c, {
      title: `A place in ${cohort.name}`,
      body: (
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
      ),
    });
  };

  app.get('/places/:token', (c) => offerPage(c));

  app.post('/places/:token/accept', async (c) => {
    const result = await acceptPlace(c.var.deps, c.req.param('token'));
    if (result.ok)
      return renderPage(c, {
        title: 'Your place is confirmed',
        body: (
          <>
            <h1>Your place is confirmed</h1>
            <p>We have emailed you a link to set up your account and see the schedule.</p>
          </>
        ),
      });
    if (result.reason === 'full') {
      return renderPage(c, {
        title: 'The last place has just been taken',
        status: 409,
        body: (
          <>
            <h1>Sorry, the last place has just been taken</h1>
            <p>You are back on the waiting list, in your place. We will email you if another becomes free.</p>
          </>
        ),
      });
    }
    return offerPage(c);
  });

  app.post('/places/:token/decline', async (c) => {
    const { db, clock } = c.var.deps;
    await db
      .updateTable('cohort_interest')
      .set({ status: 'declined', token_hash: null, responded_at: clock.now().toISOString() })
      .where('token_hash', '=', hashSecret(c.req.param('token')))
      .where('status', '=', 'offered')
      .execute();
    return renderPage(c, {
      title: 'Thank you for letting us know',
      body: (
        <>
          <h1>Thank you for letting us know</h1>
          <p>We have offered the place to someone else.</p>
        </>
      ),
    });
  });

  return app;
}
