import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { PostForm, TextArea, ErrorSummary } from '../../views/form.tsx';
import { Markdown } from '../../views/markdown.tsx';
import { currentActor, requireUser } from '../../auth/guards.ts';
import { authorize } from '../../policies/index.ts';
import { canAcknowledgeAgreement, canEditAgreement, canKeepSessionNotes, canMarkAttendance, canViewCohort } from '../../policies/cohorts.ts';
import { formatDateTime } from '../../lib/format.ts';
import { cohortMembers, cohortPlan, getCohort, type Cohort } from './queries.ts';
import { formatInZone } from './time.ts';

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

async function loadCohort(c: Context<AppEnv>): Promise<Cohort> {
  const cohort = await getCohort(c.var.deps.db, c.req.param('cohortId') ?? '');
  if (!cohort || !canViewCohort(c.var.actor, cohort.id)) throw new HTTPException(404);
  return cohort;
}

async function currentAgreement(c: Context<AppEnv>, cohortId: string) {
  return c.var.deps.db.selectFrom('group_agreements').selectAll().where('cohort_id', '=', cohortId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** The group agreement, facilitators' session notes and the co-facilitation plan. */
export function deliveryRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/cohorts/:cohortId/agreement', requireUser);
  app.use('/cohorts/:cohortId/agreement/*', requireUser);
  app.use('/cohorts/:cohortId/sessions/:csId/facilitate', requireUser);

  const agreementPage = async (c: Context<AppEnv>, cohort: Cohort, opts: { text?: string; error?: string; notice?: string } = {}) => {
    const actor = currentActor(c);
    const agreement = await currentAgreement(c, cohort.id);
    const edit = canEditAgreement(actor, cohort.id);
    const acks = agreement
      ? await c.var.deps.db.selectFrom('agreement_acknowledgements').select(['user_id', 'acknowledged_at']).where('agreement_id', '=', agreement.id).execute()
      : [];
    const acked = new Map(acks.map((a) => [a.user_id, a.acknowledged_at]));
    const participants = edit ? (await cohortMembers(c.var.deps.db, cohort.id)).filter((m) => m.role === 'participant') : [];
    return renderPage(c, {
      title: 'Group agreement',
      status: opts.error ? 422 : 200,
      body: (
        <>
          <p class="breadcrumb">
            <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
          </p>
          <h1>Group agreement</h1>
          {opts.notice ? (
            <div class="notice" role="status">
              <p>{opts.notice}</p>
            </div>
          ) : null}
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
          {agreement && canAcknowledgeAgreement(actor, cohort.id) ? (
            acked.has(actor.id) ? (
              <p class="notice">You agreed to this version on {formatDateTime(acked.get(actor.id)!)}.</p>
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
              <ErrorSummary errors={opts.error ? { text: opts.error } : undefined} />
              <PostForm action={`/cohorts/${cohort.id}/agreement`}>
                <TextArea name="text" label="Agreement" rows={16} value={opts.text ?? agreement?.text ?? AGREEMENT_TEMPLATE} error={opts.error} />
                <button type="submit">Save as version {(agreement?.version ?? 0) + 1}</button>
              </PostForm>
            </>
          ) : null}
        </>
      ),
    });
  };

  app.get('/cohorts/:cohortId/agreement', async (c) => agreementPage(c, await loadCohort(c)));

  app.post('/cohorts/:cohortId/agreement', async (c) => {
    const cohort = await loadCohort(c);
    const actor = currentActor(c);
    authorize(canEditAgreement(actor, cohort.id));
    const body = await c.req.parseBody();
    const text = typeof body.text === 'string' ? body.text.trim() : '';
    if (!text) return agreementPage(c, cohort, { text, error: 'Write the agreement before saving' });
    if (text.length > 20_000) return agreementPage(c, cohort, { text, error: 'The agreement must be 20,000 characters or fewer' });
    const { db, clock } = c.var.deps;
    const latest = await currentAgreement(c, cohort.id);
    await db
      .insertInto('group_agreements')
      .values({
        id: crypto.randomUUID(),
        cohort_id: cohort.id,
        version: (latest?.version ?? 0) + 1,
        text,
        created_by: actor.id,
        created_at: clock.now().toISOString(),
      })
      .execute();
    return c.redirect(`/cohorts/${cohort.id}/agreement`, 303);
  });

  app.post('/cohorts/:cohortId/agreement/acknowledge', async (c) => {
    const cohort = await loadCohort(c);
    const actor = currentActor(c);
    authorize(canAcknowledgeAgreement(actor, cohort.id));
    const body = await c.req.parseBody();
    const agreement = await currentAgreement(c, cohort.id);
    // Agreeing counts only for the version the person read: if it changed meanwhile, show them the new one.
    if (!agreement || String(agreement.version) !== body.version)
      return agreementPage(c, cohort, { notice: 'The agreement has changed since you opened it. Please read this version.' });
    await c.var.deps.db
      .insertInto('agreement_acknowledgements')
      .values({ agreement_id: agreement.id, user_id: actor.id, acknowledged_at: c.var.deps.clock.now().toISOString() })
      .onConflict((oc) => oc.columns(['agreement_id', 'user_id']).doNothing())
      .execute();
    return c.redirect(`/cohorts/${cohort.id}/agreement`, 303);
  });

  const facilitatePage = async (c: Context<AppEnv>, notice?: string) => {
    const cohort = await loadCohort(c);
    const actor = currentActor(c);
    authorize(canKeepSessionNotes(actor, cohort.id) || canMarkAttendance(actor, cohort.id));
    const { db, clock } = c.var.deps;
    const plan = await cohortPlan(db, cohort);
    const planned = plan.sessions.find((s) => s.id === c.req.param('csId'));
    if (!planned) throw new HTTPException(404);
    const shared = await db.selectFrom('session_plans').select(['text']).where('cohort_session_id', '=', planned.id).executeTakeFirst();
    const notes = await db
      .selectFrom('session_notes')
      .select(['kind', 'text'])
      .where('cohort_session_id', '=', planned.id)
      .where('user_id', '=', actor.id)
      .execute();
    const note = (kind: string) => notes.find((n) => n.kind === kind)?.text ?? '';
    const started = planned.startsAt !== null && planned.startsAt <= clock.now().toISOString();
    const facilitators = (await cohortMembers(db, cohort.id)).filter((m) => m.role === 'facilitator');
    const base = `/cohorts/${cohort.id}/sessions/${planned.id}/facilitate`;
    const writes = canKeepSessionNotes(actor, cohort.id);
    return renderPage(c, {
      title: `Facilitating ${planned.session.title}`,
      body: (
        <>
          <p class="breadcrumb">
            <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
          </p>
          <h1>Facilitating: {planned.session.title}</h1>
          <p>{planned.startsAt ? formatInZone(planned.startsAt, cohort.time_zone) : 'Date to be arranged'}</p>
          {notice ? (
            <div class="notice" role="status">
              <p>{notice}</p>
            </div>
          ) : null}
          <h2>Co-facilitation plan</h2>
          <p class="hint">Who leads which part. Shared with the other facilitators: {facilitators.map((f) => f.name).join(', ') || 'none yet'}.</p>
          {writes ? (
            <PostForm action={`${base}/plan`}>
              <TextArea name="text" label="Plan" rows={6} value={shared?.text ?? ''} />
              <button type="submit">Save plan</button>
            </PostForm>
          ) : (
            <Markdown source={shared?.text ?? ''} />
          )}
          {writes ? (
            <>
              <h2>Your private notes</h2>
              <p class="hint">Only you can read these. Keep details about participants out of them; raise any worry through the safeguarding route.</p>
              <PostForm action={`${base}/notes/private`}>
                <TextArea name="text" label="Notes" rows={6} value={note('private')} />
                <button type="submit">Save notes</button>
              </PostForm>
              {started ? (
                <>
                  <h2>Debrief</h2>
                  <PostForm action={`${base}/notes/debrief`}>
                    <TextArea
                      name="text"
                      label="What went well, what would you change, and how are you after this session?"
                      hint="Only you can read this."
                      rows={6}
                      value={note('debrief')}
                    />
                    <button type="submit">Save debrief</button>
                  </PostForm>
                </>
              ) : null}
            </>
          ) : null}
        </>
      ),
    });
  };

  app.get('/cohorts/:cohortId/sessions/:csId/facilitate', (c) => facilitatePage(c));

  const checkWriter = async (c: Context<AppEnv>) => {
    const cohort = await loadCohort(c);
    authorize(canKeepSessionNotes(c.var.actor, cohort.id));
    const cs = await c.var.deps.db
      .selectFrom('cohort_sessions')
      .select('id')
      .where('id', '=', c.req.param('csId') ?? '')
      .where('cohort_id', '=', cohort.id)
      .executeTakeFirst();
    if (!cs) throw new HTTPException(404);
    const body = await c.req.parseBody();
    return { csId: cs.id, text: (typeof body.text === 'string' ? body.text : '').slice(0, 20_000) };
  };

  app.post('/cohorts/:cohortId/sessions/:csId/facilitate/plan', async (c) => {
    const { csId, text } = await checkWriter(c);
    const now = c.var.deps.clock.now().toISOString();
    const actor = currentActor(c);
    await c.var.deps.db
      .insertInto('session_plans')
      .values({ cohort_session_id: csId, text, updated_by: actor.id, updated_at: now })
      .onConflict((oc) => oc.column('cohort_session_id').doUpdateSet({ text, updated_by: actor.id, updated_at: now }))
      .execute();
    return facilitatePage(c, 'Plan saved.');
  });

  for (const kind of ['private', 'debrief'] as const) {
    app.post(`/cohorts/:cohortId/sessions/:csId/facilitate/notes/${kind}`, async (c) => {
      const { csId, text } = await checkWriter(c);
      const now = c.var.deps.clock.now().toISOString();
      const actor = currentActor(c);
      await c.var.deps.db
        .insertInto('session_notes')
        .values({ cohort_session_id: csId, user_id: actor.id, kind, text, updated_at: now })
        .onConflict((oc) => oc.columns(['cohort_session_id', 'user_id', 'kind']).doUpdateSet({ text, updated_at: now }))
        .execute();
      return facilitatePage(c, kind === 'private' ? 'Notes saved.' : 'Debrief saved.');
    });
  }

  return app;
}
