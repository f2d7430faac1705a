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
