import { DataTypes, type QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

// A program's usual class size (sĩ số thường gặp): a plan drafted from a needs survey suggests
// ceil(people ÷ this) courses. 80 for every program: DOMAIN.md "class sizes are 30–140, typically 70–90"
// (assumed), kept as data so the board can set it per program.
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.addColumn('programs', 'usual_class_size', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 80 });
};

// Plain DROP COLUMN (SQLite ≥ 3.35, MySQL): Sequelize's SQLite removeColumn rebuilds the table.
export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.sequelize.query('ALTER TABLE programs DROP COLUMN usual_class_size');
};
