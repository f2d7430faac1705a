// Column and table helpers shared by migrations. Frozen: a later schema change gets its own migration,
// never an edit here, because every migration that already ran was written against these definitions.
import { DataTypes, type ModelAttributeColumnOptions, type QueryInterface } from 'sequelize';

export const tableOptions = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', engine: 'InnoDB' } as const;

export const id = (): ModelAttributeColumnOptions => ({
  type: DataTypes.INTEGER,
  primaryKey: true,
  autoIncrement: true,
  allowNull: false,
});

export const timestamps = (): Record<'created_at' | 'updated_at', ModelAttributeColumnOptions> => ({
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
});

/** Optimistic-locking counter: a save names the version it read, and a stale save is refused. */
export const lockVersion = (): ModelAttributeColumnOptions => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });

export const fk = (
  table: string,
  options: { allowNull?: boolean; onDelete?: 'CASCADE' | 'RESTRICT' | 'SET NULL' } = {},
): ModelAttributeColumnOptions => ({
  type: DataTypes.INTEGER,
  allowNull: options.allowNull ?? false,
  references: { model: table, key: 'id' },
  onUpdate: 'CASCADE',
  onDelete: options.onDelete ?? (options.allowNull ? 'SET NULL' : 'RESTRICT'),
});

export async function createTable(
  qi: QueryInterface,
  name: string,
  columns: Record<string, ModelAttributeColumnOptions>,
): Promise<void> {
  await qi.createTable(name, columns, tableOptions);
}
