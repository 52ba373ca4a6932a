import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../../../types.ts';
import { renderPage } from '../../../views/layout.tsx';
import { fieldErrors, formStrings } from '../../../views/form.tsx';
import { currentActor, requireUser } from '../../../auth/guards.ts';
import { authorize } from '../../../policies/index.ts';
import { canAcknowledgeAgreement, canEditAgreement, canKeepSessionNotes, canSeeFacilitationPlan } from '../../../policies/cohorts.ts';
import { cohortMembersByRole, cohortParticipants, cohortPlan, type Cohort } from '../queries.ts';
import { hasStarted } from '../attendance/model.ts';
import { visibleCohortOr404 } from '../visible.ts';
import { acknowledgeForm, agreementForm, NOTE_KINDS, notesForm, type NoteKind } from './forms.ts';
import { acknowledgements, currentAgreement, facilitationNotes } from './queries.ts';
import { acknowledgeAgreement, saveAgreement, saveSessionNote, saveSessionPlan } from './commands.ts';
import { AgreementView, FacilitationView } from './views.tsx';

/** The cohort's group agreement, at /cohorts/:cohortId/agreement. */
export function agreementRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  const page = async (c: Context<AppEnv>, cohort: Cohort, opts: { text?: string; error?: string; notice?: string } = {}) => {
    const actor = currentActor(c);
    const { db } = c.var.deps;
    const agreement = await currentAgreement(db, cohort.id);
    const edit = canEditAgreement(actor, cohort.id);
    return renderPage(c, {
      title: 'Group agreement',
      status: opts.error ? 422 : 200,
      body: (
        <AgreementView
          cohort={cohort}
          agreement={agreement}
          acked={agreement ? await acknowledgements(db, agreement.id) : new Map()}
          actorId={actor.id}
          acknowledge={canAcknowledgeAgreement(actor, cohort.id)}
          edit={edit}
          participants={edit ? await cohortParticipants(db, cohort.id) : []}
          {...opts}
        />
      ),
    });
  };

  app.get('/', async (c) => page(c, await visibleCohortOr404(c)));

  app.post('/', async (c) => {
    const cohort = await visibleCohortOr404(c);
    authorize(canEditAgreement(c.var.actor, cohort.id));
    const values = formStrings(await c.req.parseBody());
    const parsed = agreementForm.safeParse(values);
    if (!parsed.success) return page(c, cohort, { text: values.text ?? '', error: fieldErrors(parsed.error).text ?? 'Write the agreement before saving' });
    await saveAgreement(c.var.deps, currentActor(c), cohort.id, parsed.data.text);
    return c.redirect(`/cohorts/${cohort.id}/agreement`, 303);
  });

  app.post('/acknowledge', async (c) => {
    const cohort = await visibleCohortOr404(c);
    authorize(canAcknowledgeAgreement(c.var.actor, cohort.id));
    const parsed = acknowledgeForm.safeParse(formStrings(await c.req.parseBody()));
    const result = parsed.success ? await acknowledgeAgreement(c.var.deps, currentActor(c), cohort.id, parsed.data.version) : { ok: false as const };
    if (!result.ok) return page(c, cohort, { notice: 'The agreement has changed since you opened it. Please read this version.' });
    return c.redirect(`/cohorts/${cohort.id}/agreement`, 303);
  });

  return app;
}

const saved: Record<'plan' | NoteKind, string> = { plan: 'Plan saved.', private: 'Notes saved.', debrief: 'Debrief saved.' };

/** A session's co-facilitation plan, private notes and debrief, at /cohorts/:cohortId/sessions/:csId/facilitate. */
export function facilitationRoutes() {
  const app = new Hono<AppEnv>();
  app.use('*', requireUser);

  const page = async (
    c: Context<AppEnv>,
    opts: { notice?: string; values?: Partial<Record<'plan' | NoteKind, string>>; errors?: Record<string, string> } = {},
  ) => {
    const cohort = await visibleCohortOr404(c);
    const actor = currentActor(c);
    authorize(canSeeFacilitationPlan(actor, cohort.id));
    const { db, clock } = c.var.deps;
    const planned = (await cohortPlan(db, cohort)).sessions.find((s) => s.id === c.req.param('csId'));
    if (!planned) throw new HTTPException(404);
    const notes = await facilitationNotes(db, planned.id, actor.id);
    return renderPage(c, {
      title: `Facilitating ${planned.session.title}`,
      status: opts.errors ? 422 : 200,
      body: (
        <FacilitationView
          cohort={cohort}
          planned={planned}
          facilitators={(await cohortMembersByRole(db, cohort.id)).facilitator.map((f) => f.name)}
          plan={notes.plan}
          own={notes.own}
          writes={canKeepSessionNotes(actor, cohort.id)}
          started={hasStarted(planned, clock.now())}
          {...opts}
        />
      ),
    });
  };

  app.get('/', (c) => page(c));

  const save = (kind: 'plan' | NoteKind) => async (c: Context<AppEnv>) => {
    const cohort = await visibleCohortOr404(c);
    authorize(canKeepSessionNotes(c.var.actor, cohort.id));
    const values = formStrings(await c.req.parseBody());
    const parsed = notesForm.safeParse(values);
    if (!parsed.success) return page(c, { values: { [kind]: values.text ?? '' }, errors: { [kind]: fieldErrors(parsed.error).text ?? '' } });
    const csId = c.req.param('csId') ?? '';
    const actor = currentActor(c);
    const ok =
      kind === 'plan'
        ? await saveSessionPlan(c.var.deps, actor, cohort.id, csId, parsed.data.text)
        : await saveSessionNote(c.var.deps, actor, cohort.id, csId, kind, parsed.data.text);
    if (!ok) throw new HTTPException(404);
    return page(c, { notice: saved[kind] });
  };

  app.post('/plan', save('plan'));
  for (const kind of NOTE_KINDS) app.post(`/notes/${kind}`, save(kind));

  return app;
}
