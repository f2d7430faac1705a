// Hostile input for the fuzz test: each value spelled for a query string or a form body (already
// percent-encoded, some of it on purpose undecodable) and as a JSON value for the API.
import { randomBytes } from 'node:crypto';
import type { Response } from 'supertest';

export interface Hostile {
  name: string;
  /** `key=value` pairs, for a query string or an urlencoded body. */
  encoded(key: string): string;
  /** The value as JSON text. */
  json: string;
  /** Refused by the text rule before anything reads it: in forms and queries, or in JSON only. */
  notText?: 'everywhere' | 'json';
}

const text = (name: string, value: string): Hostile => ({ name, encoded: (k) => `${k}=${encodeURIComponent(value)}`, json: JSON.stringify(value) });
const raw = (name: string, value: string, json: unknown): Hostile => ({ name, encoded: (k) => `${k}=${value}`, json: JSON.stringify(json) });

export const HOSTILE: Hostile[] = [
  { ...raw('NUL, other C0 controls and DEL', 'a%00b%01%07%1B%5B31m%7F', 'a\u0000b\u0001\u0007\u001b[31m\u007f'), notText: 'everywhere' },
  // A lone surrogate has no UTF-8 spelling: its CESU-8 bytes, undecodable, are what a broken client sends.
  { ...raw('lone surrogates', '%ED%A0%80x%ED%B0%80', '\ud800x\udc00'), notText: 'json' },
  raw('100 kB string', 'x'.repeat(100_000), 'x'.repeat(100_000)),
  text('8 kB string', `${'a'.repeat(8_000)}${'ấ'.repeat(200)}`),
  text('RTL override, zero-width and isolate marks', '\u202Eabc\u200B\u200F\u2066x\u2069 😀 e\u0301'),
  raw('undecodable % sequences', '%E0%A4%A%ZZ%', '%E0%A4%A%ZZ%'),
  { name: 'array for a scalar', encoded: (k) => `${k}[]=a&${k}[]=b`, json: '["a","b"]' },
  { name: 'object for a scalar', encoded: (k) => `${k}[x][y]=1`, json: '{"x":{"y":1}}' },
  raw('number out of range', '99999999999999999999999', 1e308),
  raw('negative beyond 32 bits', '-2147483649', -2147483649),
  text('SQL quotes and LIKE wildcards', "%_' OR 1=1 -- \\"),
  { name: 'name without a value / null', encoded: (k) => k, json: 'null' },
];

/** JSON only, written out (JSON.stringify itself would overflow): a value nested 5,000 arrays deep. */
export const DEEP_JSON: Hostile = { name: 'nested 5,000 deep', encoded: (k) => `${k}=`, json: `${'['.repeat(5_000)}"a"${']'.repeat(5_000)}` };

/** A JSON object holding the given values, as text. */
export const jsonObject = (pairs: Array<[string, Hostile]>) => `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${v.json}`).join(',')}}`;

/** Each name with a value taken in turn from the list, starting `offset` along: over all offsets, every name meets every value. */
export const rotate = (keys: string[], values: Hostile[], offset: number): Array<[string, Hostile]> =>
  keys.map((key, i) => [key, values[(i + offset) % values.length]!]);

/** The same as one query string or urlencoded body. */
export const mixed = (keys: string[], values: Hostile[], offset: number): string =>
  rotate(keys, values, offset).map(([k, v]) => v.encoded(k)).join('&');

/** Names tried on every route besides those it reads, and one nobody uses. */
export const COMMON_KEYS = [
  'q', 'username', 'entityType', 'entityId', 'action', 'page', 'year', 'period', 'date', 'from', 'to', 'status',
  'unitId', 'unit', 'unitCode', 'program', 'programCode', 'role', 'kind', 'lang', 'format', 'returnTo',
  'enrollmentId', 'courseId', 'traineeId', 'asOf', 'quarter', 'limit', 'id',
];
export const RANDOM_KEY = `k${randomBytes(4).toString('hex')}`;

/**
 * One field of each family: the inputs a form repeats for each program or row (NTVD_q1_courses, CNKT_q2_courses,
 * s_12, s_13…) go through the same code, so one of them is tried value by value; the mixed requests try them all.
 */
export function familyHeads(keys: Iterable<string>): string[] {
  const heads = new Map<string, string>();
  for (const key of keys) {
    const family = key.replace(/[A-Z][A-Z0-9]+|\d+/g, '#');
    if (!heads.has(family)) heads.set(family, key);
  }
  return [...heads.values()];
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x60;': '`', '&#x3D;': '=' };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (e) => ENTITIES[e]!);
const attr = (attrs: string, name: string) => {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(attrs);
  return m ? decode(m[1]!) : undefined;
};

/** The POST forms of a page: action → the values the form would send as drawn (checked boxes, selected options). */
export function postForms(html: string): Map<string, Record<string, string>> {
  const forms = new Map<string, Record<string, string>>();
  for (const [, attrs, inner] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const action = attr(attrs!, 'action');
    if (attr(attrs!, 'method')?.toLowerCase() !== 'post' || !action || forms.has(action)) continue;
    const values: Record<string, string> = {};
    for (const [, a] of inner!.matchAll(/<input\b([^>]*)>/g)) {
      const name = attr(a!, 'name');
      const type = attr(a!, 'type') ?? 'text';
      if (!name || ['submit', 'button', 'file', 'reset'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(a!)) continue;
      values[name] ??= attr(a!, 'value') ?? (type === 'checkbox' ? 'on' : '');
    }
    for (const [, a, content] of inner!.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const name = attr(a!, 'name');
      if (name) values[name] ??= decode(content!);
    }
    for (const [, a, options] of inner!.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = attr(a!, 'name');
      const chosen = /<option\b([^>]*\bselected\b[^>]*)>/.exec(options!) ?? /<option\b([^>]*)>/.exec(options!);
      if (name) values[name] ??= (chosen && attr(chosen[1]!, 'value')) ?? '';
    }
    forms.set(action, values);
  }
  return forms;
}

/** Why a response is not an acceptable answer to bad input, or null when it is. */
export function problemWith(res: Response, api: boolean): string | null {
  if (res.status >= 500) return `status ${res.status}`;
  if (res.status < 400) return null;
  const type = String(res.headers['content-type'] ?? '');
  if (api) {
    const error = (res.body as { error?: { kind?: unknown; message?: unknown } } | undefined)?.error;
    if (!type.includes('application/json')) return `${res.status} answered ${type || 'no body'}, not JSON`;
    if (typeof error?.kind !== 'string' || typeof error.message !== 'string' || error.message === '') return `${res.status} without { error: { kind, message } }`;
    return null;
  }
  if (!type.includes('text/html')) return `${res.status} answered ${type || 'no body'}, not a page`;
  if (!/<title>[^<]+<\/title>/.test(res.text) || !res.text.trimEnd().endsWith('</html>')) return `${res.status} page is not a whole HTML document`;
  return null;
}
