import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { fieldErrors, formStrings } from '../../../views/form.tsx';
import { allow, currentActor, requireUser } from '../../../auth/guards.ts';
import { canManagePlaces } from '../../../policies/cohorts.ts';
import { getCohort } from '../queries.ts';
import { interestForm } from './forms.ts';
import { cohortOpenForInterest, openOffer, placesTaken } from './queries.ts';
import { acceptPlace, declinePlace, offerPlace, readInterestList, registerInterest, setInterestOpen } from './commands.ts';
import { InterestFormView, InterestListView, Message, OfferView } from './views.tsx';

/** The public form for registering interest in a cohort, at /interest/:cohortId. No sign-in: applicants have no account yet. */
export function interestRoutes() {
  const app = new Hono<AppEnv>();

  const openCohort = async (c: Context<AppEnv>) => {
    const cohort = await cohortOpenForInterest(c.var.deps.db, c.req.param('cohortId') ?? '');
    if (!cohort) throw new HTTPException(404);
    return cohort;
  };

  app.get('/:cohortId', async (c) => {
    const cohort = await openCohort(c);
    return renderPage(c, { title: `Interested in ${cohort.name}`, body: <InterestFormView cohort={cohort} /> });
  });

  app.post('/:cohortId', async (c) => {
    const cohort = await openCohort(c);
    const values = formStrings(await c.req.parseBody());
    const parsed = interestForm.safeParse(values);
    if (!parsed.success)
      return renderPage(c, {
        title: `Interested in ${cohort.name}`,
        status: 422,
        body: <InterestFormView cohort={cohort} values={values} errors={fieldErrors(parsed.error)} />,
      });
    await registerInterest(c.var.deps, cohort, { ...parsed.data, ip: c.var.clientIp });
    // The same answer whether taken, already registered or over a limit: the form reveals nothing.
    return renderPage(c, { title: 'Thank you', body: <Message heading="Thank you" text="We have your details. We will email you if a place becomes free." /> });
  });

  return app;
}

/** A cohort's interest list and offers, for its coordinators, at /cohorts/:cohortId/interest. */
export function interestManageRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser, allow(canManagePlaces));

  const cohortOr404 = async (c: Context<AppEnv>) => {
    const cohort = await getCohort(c.var.deps.db, c.req.param('cohortId') ?? '');
    if (!cohort) throw new HTTPException(404);
    return cohort;
  };

  app.get('/', async (c) => {
    const cohort = await cohortOr404(c);
    const { deps } = c.var;
    const entries = await readInterestList(deps, currentActor(c), cohort.id);
    return renderPage(c, {
      title: 'Interest and places',
      body: (
        <InterestListView
          cohort={cohort}
          entries={entries}
          taken={await placesTaken(deps.db, cohort.id)}
          publicUrl={`${deps.config.baseUrl}/interest/${cohort.id}`}
        />
      ),
    });
  });

  for (const state of ['open', 'close'] as const) {
    app.post(`/${state}`, async (c) => {
      const cohort = await cohortOr404(c);
      await setInterestOpen(c.var.deps, currentActor(c), cohort.id, state === 'open');
      return c.redirect(`/cohorts/${cohort.id}/interest`, 303);
    });
  }

  app.post('/:entryId/offer', async (c) => {
    const cohortId = c.req.param('cohortId') ?? '';
    if (!(await offerPlace(c.var.deps, currentActor(c), cohortId, c.req.param('entryId')))) return c.notFound();
    return c.redirect(`/cohorts/${cohortId}/interest`, 303);
  });

  return app;
}

/** The link in an offer of a place, at /places/:token: accept or decline, without signing in. */
export function placeRoutes() {
  const app = new Hono<AppEnv>();

  const offerPage = async (c: Context<AppEnv>) => {
    const token = c.req.param('token') ?? '';
    const offer = await openOffer(c.var.deps.db, token);
    if (!offer)
      return renderPage(c, {
        title: 'This offer is no longer open',
        status: 404,
        body: <Message heading="This offer is no longer open" text="The place may have been taken or the offer answered already." />,
      });
    return renderPage(c, { title: `A place in ${offer.cohort.name}`, body: <OfferView cohort={offer.cohort} base={`/places/${token}`} /> });
  };

  app.get('/:token', (c) => offerPage(c));

  app.post('/:token/accept', async (c) => {
    const result = await acceptPlace(c.var.deps, c.req.param('token'));
    if (result.ok)
      return renderPage(c, {
        title: 'Your place is confirmed',
        body: <Message heading="Your place is confirmed" text="We have emailed you a link to set up your account and see the schedule." />,
      });
    if (result.reason === 'full')
      return renderPage(c, {
        title: 'The last place has just been taken',
        status: 409,
        body: (
          <Message
            heading="Sorry, the last place has just been taken"
            text="You are back on the waiting list, in your place. We will email you if another becomes free."
          />
        ),
      });
    return offerPage(c);
  });

  app.post('/:token/decline', async (c) => {
    await declinePlace(c.var.deps, c.req.param('token'));
    return renderPage(c, {
      title: 'Thank you for letting us know',
      body: <Message heading="Thank you for letting us know" text="We have offered the place to someone else." />,
    });
  });

  return app;
}
