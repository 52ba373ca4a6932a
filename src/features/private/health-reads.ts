import type { Kysely } from 'kysely';
import { HTTPException } from 'hono/http-exception';
import type { Deps } from '../../types.ts';
import type { DB } from '../../db/schema.ts';
import { fromDbBool } from '../../db/helpers.ts';
import { recordAudit } from '../../audit/audit.ts';
import { authorize, canKeepHealthItem, canReadHealthItem, readinessNotesItem, type Actor, type HealthItem } from '../../policies/index.ts';
import { participantCohortIds, type HealthItemKind } from './queries.ts';
import { getStory, storyText, type Story } from './stories/queries.ts';
import { getEntry, type JournalEntry } from './journal/queries.ts';
import { getPlan, type WellbeingPlan } from './wellbeing-plan/queries.ts';
import { getStocktake, stocktakeAnswers, stocktakeQuestions, type Stocktake, type StocktakeQuestion } from './stocktake/queries.ts';
import { getConversation, type ReadinessConversation } from './readiness/queries.ts';

export type { HealthItemKind } from './queries.ts';

/** Which health item: its kind and id (a wellbeing plan is known by its owner's id: one each). */
export interface HealthItemRef<K extends HealthItemKind = HealthItemKind> {
  kind: K;
  id: string;
}

interface ReadBase {
  id: string;
  ownerId: string;
  ownerName: string;
}

/** A health item as read: its kind, owner, and content. */
export type HealthRead =
  | (ReadBase & { kind: 'story'; title: string; story: Story; text: string })
  | (ReadBase & { kind: 'journal'; title: string; entry: JournalEntry })
  | (ReadBase & { kind: 'wellbeing'; title: string; plan: WellbeingPlan })
  | (ReadBase & { kind: 'stocktake'; title: string; stocktake: Stocktake; questions: StocktakeQuestion[]; answers: Record<string, string> })
  | (ReadBase & { kind: 'readiness'; title: string; conversation: ReadinessConversation });

interface Loaded {
  /** What `canReadHealthItem` decides on. */
  facts: HealthItem;
  read: HealthRead;
}

const ownerName = async (db: Kysely<DB>, userId: string) =>
  (await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst())?.name ?? '';

/** Sharing reaches the facilitators of every cohort the owner takes part in. */
const sharedFacts = async (db: Kysely<DB>, ownerId: string, shared: unknown): Promise<HealthItem> => ({
  ownerId,
  shared: fromDbBool(shared),
  ownerCohortIds: await participantCohortIds(db, ownerId),
});

/** Loads any kind of health item with what the policy needs to decide who may read it. */
async function load(db: Kysely<DB>, ref: HealthItemRef): Promise<Loaded | undefined> {
  switch (ref.kind) {
    case 'story': {
      const story = await getStory(db, ref.id);
      if (!story) return undefined;
      const base = { id: story.id, ownerId: story.user_id, ownerName: await ownerName(db, story.user_id) };
      return {
        facts: await sharedFacts(db, story.user_id, story.shared),
        read: { ...base, kind: 'story', title: story.title, story, text: await storyText(db, story.id, story.current_version) },
      };
    }
    case 'journal': {
      const entry = await getEntry(db, ref.id);
      if (!entry) return undefined;
      const base = { id: entry.id, ownerId: entry.user_id, ownerName: await ownerName(db, entry.user_id) };
      return { facts: await sharedFacts(db, entry.user_id, entry.shared), read: { ...base, kind: 'journal', title: entry.title, entry } };
    }
    case 'wellbeing': {
      const plan = await getPlan(db, ref.id);
      if (!plan) return undefined;
      const base = { id: plan.user_id, ownerId: plan.user_id, ownerName: await ownerName(db, plan.user_id) };
      return { facts: await sharedFacts(db, plan.user_id, plan.shared), read: { ...base, kind: 'wellbeing', title: 'Wellbeing plan', plan } };
    }
    case 'stocktake': {
      const stocktake = await getStocktake(db, ref.id);
      if (!stocktake) return undefined;
      const base = { id: stocktake.id, ownerId: stocktake.user_id, ownerName: await ownerName(db, stocktake.user_id) };
      // A stocktake is kept for one cohort, so it reaches that cohort's facilitators only (while its
      // owner takes part in it), whoever asks: never the facilitators of the owner's other cohorts.
      const facts = await sharedFacts(db, stocktake.user_id, stocktake.shared);
      return {
        facts: { ...facts, ownerCohortIds: facts.ownerCohortIds.filter((id) => id === stocktake.cohort_id) },
        read: {
          ...base,
          kind: 'stocktake',
          title: 'Personal stocktake',
          stocktake,
          questions: await stocktakeQuestions(db, stocktake.cohort_id),
          answers: stocktakeAnswers(stocktake),
        },
      };
    }
    case 'readiness': {
      const conversation = await getConversation(db, ref.id);
      if (!conversation) return undefined;
      const base = { id: conversation.id, ownerId: conversation.participant_id, ownerName: await ownerName(db, conversation.participant_id) };
      return {
        facts: readinessNotesItem({ participantId: conversation.participant_id, cohortId: conversation.cohort_id }),
        read: { ...base, kind: 'readiness', title: 'Readiness conversation', conversation },
      };
    }
  }
}

/** What the policy needs about a health item, without showing it to anyone: for commands such as commenting. */
export async function healthItemFacts(db: Kysely<DB>, ref: HealthItemRef): Promise<{ facts: HealthItem; ownerId: string } | undefined> {
  const loaded = await load(db, ref);
  return loaded ? { facts: loaded.facts, ownerId: loaded.read.ownerId } : undefined;
}

/**
 * THE read path for health data. Loads any kind of health item, lets `canReadHealthItem` decide (404
 * when there is no such item, 403 when refused), and — when the reader is not the owner — records the
 * read (`health_data_viewed`, the owner's "Who has read it") before the content is handed back, so a
 * read that could not be recorded is never shown. Every read by someone other than the owner goes here.
 */
export async function readHealthItem<K extends HealthItemKind>(deps: Deps, actor: Actor, ref: HealthItemRef<K>): Promise<Extract<HealthRead, { kind: K }>> {
  const loaded = await load(deps.db, ref);
  if (!loaded) throw new HTTPException(404, { message: 'not found' });
  authorize(canReadHealthItem(actor, loaded.facts));
  if (!canKeepHealthItem(actor, loaded.facts)) {
    await recordAudit(deps.db, deps.clock, {
      action: 'health_data_viewed',
      actorUserId: actor.id,
      subjectUserId: loaded.facts.ownerId,
      targetType: ref.kind,
      targetId: loaded.read.id,
    });
  }
  return loaded.read as Extract<HealthRead, { kind: K }>;
}

/** Several items of one kind through `readHealthItem()`, each checked and each read recorded. */
export async function readHealthItems<K extends HealthItemKind>(
  deps: Deps,
  actor: Actor,
  kind: K,
  ids: readonly string[],
): Promise<Extract<HealthRead, { kind: K }>[]> {
  const out: Extract<HealthRead, { kind: K }>[] = [];
  for (const id of ids) out.push(await readHealthItem(deps, actor, { kind, id }));
  return out;
}
