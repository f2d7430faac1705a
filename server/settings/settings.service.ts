// Province-wide settings stored as JSON by key (report recipients, lagging threshold, province name).
import type { Transaction } from 'sequelize';
import { z } from 'zod';
import { Setting } from '../db/models.js';

export async function getSetting<S extends z.ZodType>(key: string, schema: S, fallback: z.output<S>): Promise<z.output<S>> {
  const row = await Setting.findByPk(key);
  if (!row) return fallback;
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : fallback;
}

export async function setSetting(key: string, value: unknown, transaction?: Transaction): Promise<void> {
  await Setting.upsert({ key, value: JSON.stringify(value) }, { transaction });
}

export const laggingThreshold = () => getSetting('report.lagging_threshold', z.number().min(0).max(1), 0.15);
export const reportRecipients = () => getSetting('report.recipients', z.array(z.string()), []);
export const provinceName = () => getSetting('province.name', z.string(), 'Hưng Yên');
