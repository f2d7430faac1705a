// How documents print words and numbers: always Vietnamese (they are official papers), numbers as a reader
// writes them (27.010; 98,5%; 15/12/2024).
import { t } from '../i18n/index.js';
import { formatDate, formatNumber, formatPercent } from '../lib/format.js';

/** A documents.* message in Vietnamese. */
export const say = (key: string, params?: Record<string, unknown>) => t('vi', `documents.${key}`, params);
/** A common.* message (grades, statuses, categories…) in Vietnamese. */
export const common = (key: string) => t('vi', `common.${key}`);

export const num = (value: number | null | undefined) => formatNumber(value ?? null, 'vi');
export const pct = (rate: number | null | undefined) => formatPercent(rate ?? null, 'vi');
export const date = (value: string | null | undefined) => (value ? formatDate(value) : '');
/** A score out of 10 with one decimal: "8,5". */
export const score = (value: number | null | undefined) => (value === null || value === undefined ? '' : formatNumber(value, 'vi', 1));
/** Where a figure does not apply (no plan): a dash, never 0. */
export const DASH = '–';
