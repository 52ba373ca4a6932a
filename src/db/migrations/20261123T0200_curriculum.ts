import { sql, type Kysely } from 'kysely';
import { engineOf } from '../engine.ts';

// Frozen once landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('programmes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('draft_json', 'text', (c) => c.notNull())
    .addColumn('draft_revision', 'integer', (c) => c.notNull())
    .addColumn('latest_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
  await db.schema.createIndex('programmes_title_idx').on('programmes').column('title').execute();

  await db.schema
    .createTable('programme_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('programme_versions_number_uq', ['programme_id', 'number'])
    .execute();

  await db.schema
    .createTable('stored_files')
    .addColumn('storage_key', 'text', (c) => c.primaryKey())
    .addColumn('programme_id', 'text', (c) => c.references('programmes.id').onDelete('set null'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('stored_files_programme_idx').on('stored_files').column('programme_id').execute();

  // The search index holds the latest published text of each session and module, split by audience
  // so participants' searches never touch facilitator-only text.
  if (engineOf(db) === 'postgres') {
    await sql`create table curriculum_search (
      id text primary key,
      programme_id text not null references programmes(id) on delete cascade,
      module_id text not null,
      session_id text,
      audience text not null,
      title text not null,
      body text not null,
      document tsvector generated always as (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')) stored
    )`.execute(db);
    await sql`create index curriculum_search_document_idx on curriculum_search using gin (document)`.execute(db);
    await sql`create index curriculum_search_programme_idx on curriculum_search (programme_id)`.execute(db);
  } else {
    await sql`create virtual table curriculum_search using fts5(
      id unindexed, programme_id unindexed, module_id unindexed, session_id unindexed, audience unindexed,
      title, body, tokenize = 'porter unicode61'
    )`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['curriculum_search', 'stored_files', 'programme_versions', 'programmes']) await db.schema.dropTable(t).execute();
}
