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
