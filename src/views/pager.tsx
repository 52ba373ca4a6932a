/** Pages of a long, newest-first list: `?page=N`, N from 1. */
export const PAGE_SIZE = 20;

/** The page asked for in the query string; anything that is not a whole number from 1 up means page 1. */
export function pageNumber(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** Links to the newer and older pages of a list, when there are any. */
export function Pager({ path, page, hasOlder, label }: { path: string; page: number; hasOlder: boolean; label: string }) {
  if (page === 1 && !hasOlder) return null;
  return (
    <nav class="pager" aria-label={label}>
      {page > 1 ? <a href={page === 2 ? path : `${path}?page=${page - 1}`}>Newer entries</a> : null}
      <span>Page {page}</span>
      {hasOlder ? <a href={`${path}?page=${page + 1}`}>Older entries</a> : null}
    </nav>
  );
}
