import type { Kysely } from 'kysely';
import type { Deps } from '../../../types.ts';
import type { DB } from '../../../db/schema.ts';
import { authorize, canEditConsentTexts, type Actor } from '../../../policies/index.ts';
import { recordAudit } from '../../../audit/audit.ts';
import { activeConsents, agreedVersions, currentConsentTexts } from './queries.ts';
import type { ConsentPurpose } from './model.ts';

/** Makes everything a person has shared private again: what withdrawing the sharing consent does. */
async function unshareEverything(trx: Kysely<DB>, userId: string): Promise<void> {
  await trx.updateTable('stories').set({ shared: 0 }).where('user_id', '=', userId).execute();
  await trx.updateTable('journal_entries').set({ shared: 0 }).where('user_id', '=', userId).execute();
  await trx.updateTable('wellbeing_plans').set({ shared: 0 }).where('user_id', '=', userId).execute();
  await trx.updateTable('stocktakes').set({ shared: 0 }).where('user_id', '=', userId).execute();
}

/**
 * Records the purposes a person now consents to, closing the ones they withdrew; withdrawing the
 * sharing consent makes everything they shared private. All of it and its audit commit together, so a
 * failure half-way never leaves writing shared after the consent to share it was withdrawn.
 */
export async function changeConsents(deps: Deps, actor: Actor, wanted: ReadonlySet<ConsentPurpose>): Promise<{ withdrawn: ConsentPurpose[] }> {
  return deps.db.transaction().execute(async (trx) => {
    const current = await activeConsents(trx, actor.id);
    const agreed = await agreedVersions(trx, actor.id);
    const now = deps.clock.now().toISOString();
    const withdrawn: ConsentPurpose[] = [];
    const close = (purpose: string) =>
      trx
        .updateTable('consent_records')
        .set({ withdrawn_at: now })
        .where('user_id', '=', actor.id)
        .where('purpose', '=', purpose)
        .where('withdrawn_at', 'is', null)
        .execute();
    const give = (purpose: string, version: number) =>
      trx
        .insertInto('consent_records')
        .values({ id: crypto.randomUUID(), user_id: actor.id, purpose, text_version: version, given_at: now, withdrawn_at: null })
        .execute();
    for (const p of await currentConsentTexts(trx)) {
      if (wanted.has(p.purpose) && !current.has(p.purpose)) {
        await give(p.purpose, p.version);
      } else if (wanted.has(p.purpose) && agreed.get(p.purpose) !== p.version) {
        // Agreeing again to new wording: the old record closes and a new one names the new version.
        await close(p.purpose);
        await give(p.purpose, p.version);
      } else if (!wanted.has(p.purpose) && current.has(p.purpose)) {
        await close(p.purpose);
        withdrawn.push(p.purpose);
      }
    }
    if (withdrawn.includes('share_with_facilitators')) await unshareEverything(trx, actor.id);
    await recordAudit(trx, deps.clock, {
      action: 'consent_changed',
      actorUserId: actor.id,
      subjectUserId: actor.id,
      details: { given: [...wanted].join(','), withdrawn: withdrawn.join(',') },
    });
    return { withdrawn };
  });
}

/** Saves new wording for a purpose as its next version; consents already given keep the version they agreed. */
export async function saveConsentText(deps: Deps, actor: Actor, input: { purpose: ConsentPurpose; text: string; withdrawEffect: string }): Promise<number> {
  authorize(canEditConsentTexts(actor));
  return deps.db.transaction().execute(async (trx) => {
    const current = (await currentConsentTexts(trx)).find((t) => t.purpose === input.purpose)!;
    const version = current.version + 1;
    await trx
      .insertInto('consent_texts')
      .values({
        id: crypto.randomUUID(),
        purpose: input.purpose,
        version,
        text: input.text,
        withdraw_effect: input.withdrawEffect,
        created_at: deps.clock.now().toISOString(),
        created_by: actor.id,
      })
      .execute();
    return version;
  });
}
