import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { AppEnv } from '../../types.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { renderPage } from '../../views/layout.tsx';
import { ErrorSummary, fieldErrors, formStrings, PostForm, TextArea, TextField, type FieldErrors, type FormValues } from '../../views/form.tsx';
import { allow, currentActor, requireUser } from '../../auth/guards.ts';
import { authorize } from '../../policies/index.ts';
import { canHandleConcern, canManageSafeguardingLeads, canRaiseConcern, canReadConcern } from '../../policies/safeguarding.ts';
import { recordAudit } from '../../audit/audit.ts';
import { formatDateTime } from '../../lib/format.ts';
import { cohortMembers, getCohort } from '../cohorts/queries.ts';

const RISK = [
  { value: 'yes', label: 'Yes, there may be immediate risk' },
  { value: 'no', label: 'No' },
  { value: 'unsure', label: 'I am not sure' },
] as const;

const concernForm = z.object({
  participant: z.string('Choose who the concern is about').min(1, 'Choose who the concern is about'),
  whatHappened: z.string().trim().min(1, 'Say briefly what you saw or heard').max(4000, 'Please keep this to 4,000 characters or fewer'),
  immediateRisk: z.enum(['yes', 'no', 'unsure'], 'Say whether there is immediate risk'),
  actionTaken: z.string().trim().min(1, 'Say what you have done so far, even if nothing yet').max(4000, 'Please keep this to 4,000 characters or fewer'),
});

export async function isSafeguardingLead(db: Kysely<DB>, userId: string): Promise<boolean> {
  return (await db.selectFrom('safeguarding_leads').select('user_id').where('user_id', '=', userId).executeTakeFirst()) !== undefined;
}

/**
 * Safeguarding concerns: raised by a cohort's facilitators or assessors, seen only by the named
 * safeguarding leads and the person who raised them. Alerts carry a link, never the detail.
 */
export function safeguardingRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/safeguarding', requireUser);
  app.use('/safeguarding/*', requireUser);
  app.use('/cohorts/:cohortId/concerns/*', requireUser);
  app.use('/admin/safeguarding-leads', requireUser, allow(canManageSafeguardingLeads));

  const raisePage = async (c: Context<AppEnv>, values: FormValues = {}, errors?: FieldErrors) => {
    const cohort = await getCohort(c.var.deps.db, c.req.param('cohortId') ?? '');
    if (!cohort) throw new HTTPException(404);
    authorize(canRaiseConcern(c.var.actor, cohort.id));
    const participants = (await cohortMembers(c.var.deps.db, cohort.id)).filter((m) => m.role === 'participant');
    return renderPage(c, {
      title: 'Raise a safeguarding concern',
      status: errors ? 422 : 200,
      body: (
        <>
          <h1>Raise a safeguarding concern</h1>
          <div class="warning">
            <p>
              <strong>If someone is in immediate danger, call 999 now.</strong> Then record it here. <a href="/help">Crisis contacts</a>
            </p>
          </div>
          <p>This goes to your organisation’s safeguarding leads. Only they and you can read it. Keep to the facts: what you saw or heard, and what you did.</p>
          <ErrorSummary errors={errors} />
          <PostForm action={`/cohorts/${cohort.id}/concerns/new`}>
            <div class={errors?.participant ? 'field field-error' : 'field'}>
              <label for="field-participant">Who is it about?</label>
              {errors?.participant ? <p class="error-message">{errors.participant}</p> : null}
              <select id="field-participant" name="participant">
                <option value="">Choose…</option>
                {participants.map((p) => (
                  <option value={p.user_id} selected={values.participant === p.user_id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <TextArea name="whatHappened" label="What did you see or hear?" rows={6} value={values.whatHappened} error={errors?.whatHappened} />
            <div class={errors?.immediateRisk ? 'field field-error' : 'field'} id="field-immediateRisk">
              <fieldset>
                <legend>Is there immediate risk?</legend>
                {errors?.immediateRisk ? <p class="error-message">{errors.immediateRisk}</p> : null}
                {RISK.map((r) => (
                  <div class="radio">
                    <input type="radio" id={`risk-${r.value}`} name="immediateRisk" value={r.value} checked={values.immediateRisk === r.value} />
                    <label for={`risk-${r.value}`}>{r.label}</label>
                  </div>
                ))}
              </fieldset>
            </div>
            <TextArea name="actionTaken" label="What have you done so far?" rows={4} value={values.actionTaken} error={errors?.actionTaken} />
            <button type="submit">Send to the safeguarding leads</button>
          </PostForm>
        </>
      ),
    });
  };

  app.get('/cohorts/:cohortId/concerns/new', (c) => raisePage(c, { participant: c.req.query('participant') ?? '' }));

  app.post('/cohorts/:cohortId/concerns/new', async (c) => {
    const cohortId = c.req.param('cohortId');
    const actor = currentActor(c);
    authorize(canRaiseConcern(actor, cohortId));
    const values = formStrings(await c.req.parseBody());
    const parsed = concernForm.safeParse(values);
    const participants = (await cohortMembers(c.var.deps.db, cohortId)).filter((m) => m.role === 'participant');
    const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
    if (parsed.success && !participants.some((p) => p.user_id === parsed.data.participant)) errors.participant = 'Choose a participant of this cohort';
    if (!parsed.success || Object.keys(errors).length) return raisePage(c, values, errors);
    const { db, clock, mailer, config } = c.var.deps;
    const id = crypto.randomUUID();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('safeguarding_concerns')
        .values({
          id,
          cohort_id: cohortId,
          subject_user_id: parsed.data.participant,
          raised_by: actor.id,
          what_happened: parsed.data.whatHappened,
          immediate_risk: parsed.data.immediateRisk,
          action_taken: parsed.data.actionTaken,
          created_at: clock.now().toISOString(),
          acknowledged_by: null,
          acknowledged_at: null,
          outcome: null,
          outcome_at: null,
        })
        .execute();
      await recordAudit(trx, clock, {
        action: 'safeguarding_concern_raised',
        actorUserId: actor.id,
        subjectUserId: parsed.data.participant,
        targetType: 'safeguarding_concern',
        targetId: id,
      });
    });
    const leads = await db
      .selectFrom('safeguarding_leads')
      .innerJoin('users', 'users.id', 'safeguarding_leads.user_id')
      .select(['users.email'])
      .where('users.status', '=', 'active')
      .execute();
    for (const lead of leads) {
      // No names, no detail: only that there is something to read, and where.
      await mailer.send({
        to: lead.email,
        subject: 'A safeguarding concern has been raised',
        text: `A safeguarding concern has been raised and needs a safeguarding lead to read it.\n\nSign in to read it: ${config.baseUrl}/safeguarding/${id}\n`,
      });
    }
    return c.redirect(`/safeguarding/${id}?notice=raised${parsed.data.immediateRisk === 'yes' ? '&risk=1' : ''}`, 303);
  });

  app.get('/safeguarding', async (c) => {
    const actor = currentActor(c);
    const { db } = c.var.deps;
    const lead = await isSafeguardingLead(db, actor.id);
    let q = db
      .selectFrom('safeguarding_concerns')
      .innerJoin('users as subject', 'subject.id', 'safeguarding_concerns.subject_user_id')
      .select([
        'safeguarding_concerns.id',
        'safeguarding_concerns.created_at',
        'safeguarding_concerns.immediate_risk',
        'safeguarding_concerns.acknowledged_at',
        'safeguarding_concerns.outcome',
        'subject.name',
      ])
      .orderBy('safeguarding_concerns.created_at', 'desc')
      .limit(200);
    if (!lead) q = q.where('safeguarding_concerns.raised_by', '=', actor.id);
    const rows = await q.execute();
    return renderPage(c, {
      title: 'Safeguarding concerns',
      body: (
        <>
          <h1>Safeguarding concerns</h1>
          <p>{lead ? 'You are a safeguarding lead: every concern raised is listed here.' : 'Concerns you have raised.'}</p>
          {rows.length === 0 ? <p>None.</p> : null}
          <ul>
            {rows.map((r) => (
              <li>
                <a href={`/safeguarding/${r.id}`}>About {r.name}</a>, {formatDateTime(r.created_at)} ·{' '}
                {r.outcome ? 'Closed' : r.acknowledged_at ? 'Acknowledged' : 'Waiting for a lead'}
                {r.immediate_risk === 'yes' ? <strong> · immediate risk</strong> : null}
              </li>
            ))}
          </ul>
        </>
      ),
    });
  });

  const concernPage = async (c: Context<AppEnv>, errors?: FieldErrors) => {
    const actor = currentActor(c);
    const { db, clock } = c.var.deps;
    const concern = await db
      .selectFrom('safeguarding_concerns')
      .selectAll()
      .where('id', '=', c.req.param('concernId') ?? '')
      .executeTakeFirst();
    const lead = await isSafeguardingLead(db, actor.id);
    if (!concern || !canReadConcern(actor, { raisedBy: concern.raised_by }, lead)) throw new HTTPException(404);
    if (actor.id !== concern.raised_by) {
      await recordAudit(db, clock, {
        action: 'safeguarding_concern_viewed',
        actorUserId: actor.id,
        subjectUserId: concern.subject_user_id,
        targetType: 'safeguarding_concern',
        targetId: concern.id,
      });
    }
    const names = new Map(
      (
        await db
          .selectFrom('users')
          .select(['id', 'name'])
          .where('id', 'in', [concern.subject_user_id, concern.raised_by, concern.acknowledged_by ?? concern.raised_by])
          .execute()
      ).map((u) => [u.id, u.name]),
    );
    return renderPage(c, {
      title: 'Safeguarding concern',
      status: errors ? 422 : 200,
      body: (
        <>
          <p class="breadcrumb">
            <a href="/safeguarding">Safeguarding concerns</a>
          </p>
          <h1>Safeguarding concern about {names.get(concern.subject_user_id)}</h1>
          {c.req.query('notice') === 'raised' ? (
            <div class="notice" role="status">
              <p>Sent. The safeguarding leads have been alerted.</p>
              {c.req.query('risk') === '1' ? (
                <p>
                  <strong>If someone is in immediate danger, call 999 now.</strong>
                </p>
              ) : null}
            </div>
          ) : null}
          <dl class="summary-list">
            <div>
              <dt>Raised by</dt>
              <dd>
                {names.get(concern.raised_by)}, {formatDateTime(concern.created_at)}
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
              <dd>{concern.acknowledged_at ? `${names.get(concern.acknowledged_by!) ?? 'A lead'}, ${formatDateTime(concern.acknowledged_at)}` : 'Not yet'}</dd>
            </div>
            {concern.outcome ? (
              <div>
                <dt>Outcome</dt>
                <dd class="diff">{concern.outcome}</dd>
              </div>
            ) : null}
          </dl>
          {canHandleConcern(actor, lead) && !concern.acknowledged_at ? (
            <PostForm action={`/safeguarding/${concern.id}/acknowledge`}>
              <button type="submit">Acknowledge</button>
            </PostForm>
          ) : null}
          {canHandleConcern(actor, lead) && concern.acknowledged_at && !concern.outcome ? (
            <>
              <ErrorSummary errors={errors} />
              <PostForm action={`/safeguarding/${concern.id}/outcome`}>
                <TextArea name="outcome" label="Outcome" hint="What was decided and done. Closes the concern." rows={4} error={errors?.outcome} />
                <button type="submit">Record outcome</button>
              </PostForm>
            </>
          ) : null}
        </>
      ),
    });
  };

  app.get('/safeguarding/:concernId', (c) => concernPage(c));

  const handled = async (c: Context<AppEnv>) => {
    const actor = currentActor(c);
    authorize(canHandleConcern(actor, await isSafeguardingLead(c.var.deps.db, actor.id)));
    return actor;
  };

  app.post('/safeguarding/:concernId/acknowledge', async (c) => {
    const actor = await handled(c);
    await c.var.deps.db
      .updateTable('safeguarding_concerns')
      .set({ acknowledged_by: actor.id, acknowledged_at: c.var.deps.clock.now().toISOString() })
      .where('id', '=', c.req.param('concernId'))
      .where('acknowledged_at', 'is', null)
      .execute();
    return c.redirect(`/safeguarding/${c.req.param('concernId')}`, 303);
  });

  app.post('/safeguarding/:concernId/outcome', async (c) => {
    await handled(c);
    const body = await c.req.parseBody();
    const outcome = (typeof body.outcome === 'string' ? body.outcome : '').trim().slice(0, 4000);
    if (!outcome) return concernPage(c, { outcome: 'Write the outcome before recording it' });
    await c.var.deps.db
      .updateTable('safeguarding_concerns')
      .set({ outcome, outcome_at: c.var.deps.clock.now().toISOString() })
      .where('id', '=', c.req.param('concernId'))
      .execute();
    return c.redirect(`/safeguarding/${c.req.param('concernId')}`, 303);
  });

  // Administrators name the leads.
  const leadsPage = async (c: Context<AppEnv>, values: FormValues = {}, errors?: FieldErrors) => {
    const leads = await c.var.deps.db
      .selectFrom('safeguarding_leads')
      .innerJoin('users', 'users.id', 'safeguarding_leads.user_id')
      .select(['users.id', 'users.name', 'users.email'])
      .orderBy('users.name')
      .execute();
    return renderPage(c, {
      title: 'Safeguarding leads',
      status: errors ? 422 : 200,
      body: (
        <>
          <h1>Safeguarding leads</h1>
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
      ),
    });
  };

  app.get('/admin/safeguarding-leads', (c) => leadsPage(c));

  app.post('/admin/safeguarding-leads', async (c) => {
    const values = formStrings(await c.req.parseBody());
    const { db, clock } = c.var.deps;
    const user = await db
      .selectFrom('users')
      .select(['id'])
      .where('email', '=', (values.email ?? '').trim().toLowerCase())
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (!user) return leadsPage(c, values, { email: 'No active account has that email address. Invite them first.' });
    await db
      .insertInto('safeguarding_leads')
      .values({ user_id: user.id, added_by: currentActor(c).id, added_at: clock.now().toISOString() })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
    await recordAudit(db, clock, {
      action: 'safeguarding_lead_changed',
      actorUserId: currentActor(c).id,
      subjectUserId: user.id,
      details: { change: 'added' },
    });
    return c.redirect('/admin/safeguarding-leads', 303);
  });

  app.post('/admin/safeguarding-leads/:userId/remove', allow(canManageSafeguardingLeads), async (c) => {
    const { db, clock } = c.var.deps;
    await db.deleteFrom('safeguarding_leads').where('user_id', '=', c.req.param('userId')).execute();
    await recordAudit(db, clock, {
      action: 'safeguarding_lead_changed',
      actorUserId: currentActor(c).id,
      subjectUserId: c.req.param('userId'),
      details: { change: 'removed' },
    });
    return c.redirect('/admin/safeguarding-leads', 303);
  });

  return app;
}
