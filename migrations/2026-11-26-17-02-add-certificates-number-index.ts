import type { QueryInterface } from 'sequelize';
import type { MigrationFn } from 'umzug';

// Public verification looks a certificate up by its number alone (the unique index starts with unit and year).
export const up: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.addIndex('certificates', ['number'], { name: 'certificates_number_lookup' });
};

export const down: MigrationFn<QueryInterface> = async ({ context: qi }) => {
  await qi.removeIndex('certificates', 'certificates_number_lookup');
};
