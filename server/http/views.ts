// Handlebars: one layout, partials, and the helpers pages use to translate and to format numbers and dates.
import type { Express } from 'express';
import { engine } from 'express-handlebars';
import path from 'node:path';
import { isLocale, t, type Locale } from '../i18n/index.js';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../lib/format.js';
import { viewsDir } from '../paths.js';

interface HelperOptions {
  hash: Record<string, unknown>;
  data?: { root?: { locale?: unknown } };
  fn?: (context: unknown) => string;
  inverse?: (context: unknown) => string;
}

const localeOf = (options: HelperOptions): Locale => {
  const locale = options?.data?.root?.locale;
  return isLocale(locale) ? locale : 'vi';
};
/** Handlebars passes its options object as the last argument. */
const args = (list: unknown[]) => list.slice(0, -1);
const opts = (list: unknown[]) => list[list.length - 1] as HelperOptions;

export function pageLinks(page: number, pages: number): Array<{ page: number | null; current: boolean }> {
  const shown = new Set([1, pages]);
  for (let p = Math.max(1, page - 2); p <= Math.min(pages, page + 2); p++) shown.add(p);
  const out: Array<{ page: number | null; current: boolean }> = [];
  let last = 0;
  for (const p of [...shown].sort((a, b) => a - b)) {
    // A gap of one page is that page's own link, not an ellipsis.
    if (p - last === 2) out.push({ page: p - 1, current: false });
    else if (p - last > 2) out.push({ page: null, current: false });
    out.push({ page: p, current: p === page });
    last = p;
  }
  return out;
}

export const helpers = {
  t(key: string, ...rest: unknown[]) {
    const options = opts(rest);
    return t(localeOf(options), key, options.hash);
  },
  /** t with a key built from parts: {{tk "common.roles." user.role}} */
  tk(...rest: unknown[]) {
    const options = opts(rest);
    return t(localeOf(options), args(rest).join(''), options.hash);
  },
  number(value: unknown, ...rest: unknown[]) {
    const digits = typeof rest[0] === 'number' ? rest[0] : 0;
    return formatNumber(value === null || value === undefined ? null : Number(value), localeOf(opts(rest)), digits);
  },
  percent(value: unknown, ...rest: unknown[]) {
    return formatPercent(value === null || value === undefined ? null : Number(value), localeOf(opts(rest)));
  },
  date: (value: string | Date | null) => formatDate(value),
  datetime: (value: string | Date | null) => formatDateTime(value),
  eq: (a: unknown, b: unknown) => a === b || (a !== null && b !== null && a !== undefined && b !== undefined && String(a) === String(b)),
  ne: (a: unknown, b: unknown) => String(a) !== String(b),
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  lt: (a: unknown, b: unknown) => Number(a) < Number(b),
  and: (...rest: unknown[]) => args(rest).every(Boolean),
  or: (...rest: unknown[]) => args(rest).some(Boolean),
  not: (value: unknown) => !value,
  /** Width of a progress bar, 0–100, from a fraction. */
  barWidth: (rate: unknown) => (rate === null || rate === undefined ? 0 : Math.max(0, Math.min(100, Math.round(Number(rate) * 1000) / 10))),
  /** The value of a field in a re-rendered form, else the record's value. */
  formValue: (values: Record<string, unknown> | undefined, name: string, fallback: unknown) =>
    values && Object.prototype.hasOwnProperty.call(values, name) ? values[name] : fallback,
  concat: (...rest: unknown[]) => args(rest).join(''),
  /** Whether a (multi-)select's submitted value holds this option. */
  includes: (list: unknown, value: unknown) => (Array.isArray(list) ? list.map(String).includes(String(value)) : list !== undefined && list !== null && String(list) === String(value)),
  /** Join a list for display. */
  join: (list: unknown, separator: unknown) => (Array.isArray(list) ? list.join(typeof separator === 'string' ? separator : ', ') : ''),
  /**
   * The numbered links of a pager: first, …, page−2 … page+2, …, last. A gap is null; for the partial.
   */
  pageLinks: (pager: { page?: unknown; pages?: unknown } | undefined) => pageLinks(Number(pager?.page ?? 1), Number(pager?.pages ?? 1)),
  /** A query string with one parameter changed, for pagination and filter links. */
  withQuery(base: string, query: Record<string, unknown> | undefined, ...rest: unknown[]) {
    const options = opts(rest);
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...(query ?? {}), ...options.hash })) {
      if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
    }
    const qs = params.toString();
    return qs ? `${base}?${qs}` : base;
  },
};

export function configureViews(app: Express): void {
  app.engine(
    'hbs',
    engine({
      extname: '.hbs',
      defaultLayout: 'main',
      layoutsDir: path.join(viewsDir, 'layouts'),
      partialsDir: path.join(viewsDir, 'partials'),
      helpers,
    }),
  );
  app.set('view engine', 'hbs');
  app.set('views', viewsDir);
}
