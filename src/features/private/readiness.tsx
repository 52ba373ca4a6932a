import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { z } from 'zod';
import type { AppEnv } from '../../types.ts';
import { renderPage } from '../../views/layout.tsx';
import { ErrorSummary, fieldErrors, formStrings, PostForm, TextArea, TextField, type FieldErrors, type FormValues } from '../../views/form.tsx';
import { Markdown } from '../../views/markdown.tsx';
import { currentActor, requireUser } from '../../auth/guards.ts';
import { authorize } from '../../policies/index.ts';
import { hasCohortRole } from '../../policies/actor.ts';
import { formatDateTime } from '../../lib/format.ts';
import { cohortMembers, cohortPlan, getCohort } from '../cohorts/queries.ts';

export const OUTCOMES = [
  { value: 'ready', label: 'Ready' },
  { value: 'ready_with_support', label: 'Ready, with support we agreed' },
  { value: 'not_now', label: 'Not now' },
] as const;

const form = z
  .object({
    outcome: z.enum(['ready', 'ready_with_support', 'not_now'], 'Choose the outcome you agreed'),
    signpostedTo: z.string().trim().max(300, 'Keep this to 300 characters or fewer').default(''),
    agreedNote: z
      .string()
      .trim()
      .min(1, 'Write the short note you agreed together; the participant will see it')
      .max(1000, 'Keep the note to 1,000 characters or fewer'),
  })
  .refine((v) => v.outcome !== 'not_now' || v.signpostedTo.length > 0, { message: 'Say where you signposted them', path: ['signpostedTo'] });

/** Readiness conversations: a facilitator records a minimal outcome and a note the participant sees. */
export function readinessRoutes() {
  const app = new Hono<AppEnv>();
  app.use('/cohorts/:cohortId/readiness/*', requireUser);
  app.use('/my/readiness', requireUser);

  const target = async (c: Context<AppEnv>) => {
    const cohort = await getCohort(c.var.deps.db, c.req.param('cohortId') ?? '');
    if (!cohort) throw new HTTPException(404);
    authorize(hasCohortRole(c.var.actor, cohort.id, 'facilitator'));
    const participant = (await cohortMembers(c.var.deps.db, cohort.id)).find((m) => m.role === 'participant' && m.user_id === c.req.param('userId'));
    if (!participant) throw new HTTPException(404);
    return { cohort, participant };
  };

  const page = async (c: Context<AppEnv>, values: FormValues = {}, errors?: FieldErrors) => {
    const { cohort, participant } = await target(c);
    const { db } = c.var.deps;
    const plan = await cohortPlan(db, cohort);
    const pre = plan.programme.modules.find((m) => m.preProgramme);
    const guidance = pre
      ? [pre.facilitatorNotes, ...pre.sessions.flatMap((s) => s.miniKnowledge.map((k) => `**${k.title}**\n\n${k.body}`))].filter(Boolean).join('\n\n')
      : '';
    const earlier = await db
      .selectFrom('readiness_conversations')
      .selectAll()
      .where('participant_id', '=', participant.user_id)
      .where('cohort_id', '=', cohort.id)
      .orderBy('created_at', 'desc')
      .execute();
    return renderPage(c, {
      title: `Readiness conversation with ${participant.name}`,
      status: errors ? 422 : 200,
      body: (
        <>
          <p class="breadcrumb">
            <a href={`/cohorts/${cohort.id}`}>{cohort.name}</a>
          </p>
          <h1>Readiness conversation with {participant.name}</h1>
          {guidance ? (
            <details class="facilitator-only">
              <summary>Guidance for this conversation (Mini Knowledge)</summary>
              <Markdown source={guidance} />
            </details>
          ) : null}
          {earlier.map((e) => (
            <p class="hint">
              {formatDateTime(e.created_at)}: {OUTCOMES.find((o) => o.value === e.outcome)?.label}
            </p>
          ))}
          <p>Record only the outcome and the note you agreed together. {participant.name} will see both.</p>
          <ErrorSummary errors={errors} />
          <PostForm action={`/cohorts/${cohort.id}/readiness/${participant.user_id}`}>
            <div class={errors?.outcome ? 'field field-error' : 'field'} id="field-outcome">
              <fieldset>
                <legend>Outcome</legend>
                {errors?.outcome ? <p class="error-message">{errors.outcome}</p> : null}
                {OUTCOMES.map((o) => (
                  <div class="radio">
                    <input type="radio" id={`outcome-${o.value}`} name="outcome" value={o.value} checked={values.outcome === o.value} />
                    <label for={`outcome-${o.value}`}>{o.label}</label>
                  </div>
                ))}
              </fieldset>
            </div>
            <TextField name="signpostedTo" label="Where you signposted them (if not now)" value={values.signpostedTo} error={errors?.signpostedTo} />
            <TextArea name="agreedNote" label="The note you agreed" rows={4} value={values.agreedNote} error={errors?.agreedNote} />
            <button type="submit">Record the conversation</button>
          </PostForm>
        </>
      ),
    });
  };

  app.get('/cohorts/:cohortId/readiness/:userId', (c) => page(c));

  app.post('/cohorts/:cohortId/readiness/:userId', async (c) => {
    const { cohort, participant } = await target(c);
    const values = formStrings(await c.req.parseBody());
    const parsed = form.safeParse(values);
    if (!parsed.success) return page(c, values, fieldErrors(parsed.error));
    await c.var.deps.db
      .insertInto('readiness_conversations')
      .values({
        id: crypto.randomUUID(),
        cohort_id: cohort.id,
        participant_id: participant.user_id,
        facilitator_id: currentActor(c).id,
        outcome: parsed.data.outcome,
        signposted_to: parsed.data.signpostedTo,
        agreed_note: parsed.data.agreedNote,
        created_at: c.var.deps.clock.now().toISOString(),
      })
      .execute();
    return c.redirect(`/cohorts/${cohort.id}`, 303);
  });

  app.get('/my/readiness', async (c) => {
    const rows = await c.var.deps.db
      .selectFrom('readiness_conversations')
      .innerJoin('users', 'users.id', 'readiness_conversations.facilitator_id')
      .select([
        'readiness_conversations.outcome',
        'readiness_conversations.signposted_to',
        'readiness_conversations.agreed_note',
        'readiness_conversations.created_at',
        'users.name',
      ])
      .where('participant_id', '=', currentActor(c).id)
      .orderBy('readiness_conversations.created_at', 'desc')
      .execute();
    return renderPage(c, {
      title: 'Readiness conversations',
      body: (
        <>
          <p class="breadcrumb">
            <a href="/my">My private space</a>
          </p>
          <h1>Readiness conversations</h1>
          {rows.length === 0 ? <p>No readiness conversation has been recorded yet.</p> : null}
          {rows.map((r) => (
            <section class="comment">
              <h2>{OUTCOMES.find((o) => o.value === r.outcome)?.label}</h2>
              <p class="hint">
                With {r.name}, {formatDateTime(r.created_at)}
              </p>
              {r.signposted_to ? <p>Signposted to: {r.signposted_to}</p> : null}
              <p>{r.agreed_note}</p>
            </section>
          ))}
        </>
      ),
    });
  });

  return app;
}
