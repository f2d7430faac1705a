// Page through long lists: ?page=2 (1-based), a fixed page size per list.
import { z } from 'zod';

export const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1) });

export interface PageInfo {
  page: number;
  pages: number;
  total: number;
  perPage: number;
  prev: number | null;
  next: number | null;
  from: number;
  to: number;
}

export function pageWindow(page: number, perPage: number): { limit: number; offset: number } {
  return { limit: perPage, offset: (page - 1) * perPage };
}

export function pageInfo(total: number, page: number, perPage: number): PageInfo {
  const pages = Math.max(1, Math.ceil(total / perPage));
  return {
    page,
    pages,
    total,
    perPage,
    prev: page > 1 ? page - 1 : null,
    next: page < pages ? page + 1 : null,
    from: total === 0 ? 0 : (page - 1) * perPage + 1,
    to: Math.min(total, page * perPage),
  };
}

// ---- The API's one pagination style: `?page=` (1-based) in, `{ <rows>, page, pages, total, perPage }` out,
// `total` counting the rows over all pages. Lists read with LIMIT/OFFSET use pageWindow and pageInfo; the
// short ones read whole (a plan list, a course's roster or certificates) are cut here, so every list answers alike.

export const apiPage = () => z.coerce.number().int().min(1).max(100_000).default(1).describe('1-based page');
export const apiPageQuery = z.object({ page: apiPage() });

export const pageJson = { page: z.number().int(), pages: z.number().int(), total: z.number().int().describe('Rows over all pages'), perPage: z.number().int() };

export function pageFields(info: PageInfo): { page: number; pages: number; total: number; perPage: number } {
  return { page: info.page, pages: info.pages, total: info.total, perPage: info.perPage };
}

/** One page of a list already read whole, with the same fields as a list read page by page. */
export function pageOfList<T>(rows: readonly T[], page: number, perPage: number): { rows: T[]; page: ReturnType<typeof pageFields> } {
  const { limit, offset } = pageWindow(page, perPage);
  return { rows: rows.slice(offset, offset + limit), page: pageFields(pageInfo(rows.length, page, perPage)) };
}
