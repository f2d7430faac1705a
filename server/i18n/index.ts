// Message catalogs: every user-facing string lives in a domain's messages.ts, in Vietnamese and English.
import { catalogs } from './catalogs.js';
import type { MessageTree } from './define.js';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

const flat: Record<Locale, Map<string, string>> = { vi: new Map(), en: new Map() };

function flatten(into: Map<string, string>, prefix: string, tree: MessageTree): void {
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into.set(full, value.normalize('NFC'));
    else flatten(into, full, value);
  }
}

for (const [namespace, messages] of Object.entries(catalogs)) {
  flatten(flat.vi, namespace, messages.vi);
  flatten(flat.en, namespace, messages.en);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function hasMessage(key: string): boolean {
  return flat.vi.has(key);
}

/**
 * Translates a catalog key, interpolating {name} placeholders. Text that is not a key is returned as is,
 * so a service may also carry a message that was already composed (e.g. one naming a row of a file).
 */
export function t(locale: Locale, key: string, params?: Record<string, unknown>): string {
  const template = flat[locale].get(key) ?? flat.vi.get(key) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined || params[name] === null ? whole : String(params[name]),
  );
}
