// Sortable column headers: each column's link (the other direction when it is the current sort) and its aria-sort.
import { helpers } from './views.js';

export interface SortHeader {
  href: string;
  /** aria-sort on the <th>: only the sorted column carries one. */
  ariaSort: 'ascending' | 'descending' | null;
}

export function sortHeaders<C extends string>(
  base: string,
  query: Record<string, unknown>,
  columns: Record<C, 'asc' | 'desc'>,
  sort: string,
  dir: 'asc' | 'desc',
): Record<C, SortHeader> {
  const out = {} as Record<C, SortHeader>;
  for (const [column, first] of Object.entries(columns) as Array<[C, 'asc' | 'desc']>) {
    const current = column === sort;
    const next = current ? (dir === 'asc' ? 'desc' : 'asc') : first;
    // Sorting starts again at page 1.
    out[column] = {
      href: helpers.withQuery(base, { ...query, page: undefined }, { hash: { sort: column, dir: next } }),
      ariaSort: current ? (dir === 'asc' ? 'ascending' : 'descending') : null,
    };
  }
  return out;
}
