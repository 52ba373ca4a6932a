import { sql, type RawBuilder } from 'kysely';

/** Portable value helpers: the one place engine differences in returned values are smoothed out. */

/** Booleans are stored as 0/1 on both engines (node:sqlite cannot bind a JS boolean). */
export const toDbBool = (value: boolean): number => (value ? 1 : 0);
export const fromDbBool = (value: unknown): boolean => value === 1 || value === true || value === '1';

/** `pg` returns 64-bit integers (count(*), bigint) as strings, SQLite as numbers. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number(value);
  if (value === null || value === undefined) return 0;
  throw new TypeError('Not a number from the database');
}

// Packing many small rows into one string. node:sqlite makes a JavaScript object, with a new string
// per column, for every row it returns; for a few hundred tiny rows (a cohort's attendance, a
// facilitator's cohort roles) that costs more than the query. string_agg (SQLite 3.44+, PostgreSQL)
// joins them in the database instead. The separators are control characters, which no id, role or
// status contains; the values to pack must be such app-made identifiers, never free text.
const FIELD = '\u001f';
const RECORD = '\u001e';

/** A string_agg expression packing the given columns of every row into one string; read it with unpack(). */
export function packed(...columns: string[]): RawBuilder<string | null> {
  const joined = sql.join(
    columns.map((c) => sql.ref(c)),
    sql` || ${FIELD} || `,
  );
  return sql<string | null>`string_agg(${joined}, ${RECORD})`;
}

/** The rows packed by packed(): one array of column values per row. */
export const unpack = (value: string | null | undefined): string[][] => (value ? value.split(RECORD).map((record) => record.split(FIELD)) : []);
