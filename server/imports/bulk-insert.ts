// Multi-row INSERTs for the commit: one statement per 500 rows, built from the model's column names, without
// building a Sequelize instance per row (which cost about 6 KB of garbage each: 60 MB for a 10,000-row roster).
// The ids a multi-row INSERT gives are consecutive on both databases (one writer at a time on SQLite; InnoDB's
// default "consecutive" auto-increment mode for an INSERT of known size); they are read back and checked.
import { QueryTypes, type CreationAttributes, type Model, type ModelStatic, type Transaction } from 'sequelize';
import { AuditLog } from '../db/models.js';

export const CHUNK = 500;

type Row = Record<string, unknown>;

/**
 * Inserts the rows (attribute names as keys, the same keys in every row; createdAt/updatedAt are set here) and
 * returns their ids in order. `check` names an attribute read back to prove the ids belong to these rows.
 */
export async function insertRows<M extends Model>(model: ModelStatic<M>, rows: readonly Row[], transaction: Transaction, check?: string): Promise<number[]> {
  const ids: number[] = [];
  if (rows.length === 0) return ids;
  const sequelize = model.sequelize!;
  const attributes = model.getAttributes() as Record<string, { field?: string }>;
  const now = new Date();
  const stamps: Row = {};
  if (attributes.createdAt) stamps.createdAt = now;
  if (attributes.updatedAt && (model.options as { timestamps?: boolean; updatedAt?: unknown }).updatedAt !== false) stamps.updatedAt = now;
  const keys = [...Object.keys(rows[0]!), ...Object.keys(stamps)];
  const columns = keys.map((k) => {
    const field = attributes[k]?.field;
    if (!field) throw new Error(`${model.name} has no attribute ${k}`);
    return sequelize.getQueryInterface().quoteIdentifier(field);
  });
  const table = sequelize.getQueryInterface().quoteIdentifier(String(model.getTableName()));
  const tuple = `(${keys.map(() => '?').join(',')})`;
  const sqlite = sequelize.getDialect() === 'sqlite';

  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const values: unknown[] = [];
    for (const row of chunk) for (const k of keys) values.push(k in stamps ? stamps[k] : (row[k] ?? null));
    const [id] = (await sequelize.query(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => tuple).join(',')}`, {
      replacements: values,
      type: QueryTypes.INSERT,
      transaction,
    })) as unknown as [number, number];
    // SQLite reports the last id of the statement, MariaDB the first.
    const firstId = sqlite ? Number(id) - chunk.length + 1 : Number(id);
    const chunkIds = chunk.map((_r, k) => firstId + k);
    if (check) await checkIds(model, chunk, chunkIds, check, transaction);
    ids.push(...chunkIds);
  }
  return ids;
}

async function checkIds<M extends Model>(model: ModelStatic<M>, rows: readonly Row[], ids: number[], attribute: string, transaction: Transaction): Promise<void> {
  const back = (await model.findAll({ where: { id: ids } as never, attributes: ['id', attribute], raw: true, transaction })) as unknown as Row[];
  const byId = new Map(back.map((b) => [Number(b.id), b[attribute]]));
  if (ids.some((id, k) => byId.get(id) !== rows[k]![attribute])) throw new Error(`The ids of a multi-row INSERT into ${model.getTableName()} were not consecutive`);
}

type AuditRow = CreationAttributes<AuditLog>;

/** Audit rows are built and written a chunk at a time: 20,000 of them need not all be in memory at once. */
export async function insertAudit(count: number, rowAt: (i: number) => AuditRow, transaction: Transaction): Promise<void> {
  for (let i = 0; i < count; i += CHUNK * 2) {
    const chunk: AuditRow[] = [];
    for (let k = i; k < Math.min(count, i + CHUNK * 2); k++) chunk.push(rowAt(k));
    await insertRows(AuditLog, chunk as unknown as Array<Record<string, unknown>>, transaction);
  }
}
