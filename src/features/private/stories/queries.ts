import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { itemComments, itemReadLog } from '../queries.ts';

export const STORY_MAX = 50_000;

/** A story by id, whoever owns it: for `readHealthItem()` and the commands, which apply the policy. */
export function getStory(db: Kysely<DB>, id: string) {
  return db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
}
export type Story = NonNullable<Awaited<ReturnType<typeof getStory>>>;

/** One of the person's own stories; someone else's answers as if it did not exist. */
export function getOwnStory(db: Kysely<DB>, userId: string, id: string) {
  return db.selectFrom('stories').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

/** The text of one version of a story. */
export async function storyText(db: Kysely<DB>, storyId: string, number: number): Promise<string> {
  return (await db.selectFrom('story_versions').select('text').where('story_id', '=', storyId).where('number', '=', number).executeTakeFirst())?.text ?? '';
}

/** Everything the owner's page of a story shows around the editor: versions, who read it, comments. */
export async function storyHistory(db: Kysely<DB>, storyId: string, ownerId: string) {
  const versions = await db.selectFrom('story_versions').select(['number', 'created_at']).where('story_id', '=', storyId).orderBy('number', 'desc').execute();
  return { versions, views: await itemReadLog(db, 'story', storyId, { id: ownerId }), comments: await itemComments(db, 'story', storyId) };
}
export type StoryHistory = Awaited<ReturnType<typeof storyHistory>>;
