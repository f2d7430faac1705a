import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export type ImportKind = 'roster' | 'results';

export class ImportBatch extends Model<InferAttributes<ImportBatch>, InferCreationAttributes<ImportBatch>> {
  declare id: CreationOptional<number>;
  declare unitId: number;
  declare courseId: number;
  declare userId: number | null;
  declare kind: ImportKind;
  declare fileName: string;
  declare fileSha256: string;
  declare status: string;
  declare rowCount: CreationOptional<number>;
  declare createdCount: CreationOptional<number>;
  declare matchedCount: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initImportModels(sequelize: Sequelize): void {
  ImportBatch.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      unitId: { type: DataTypes.INTEGER, allowNull: false },
      courseId: { type: DataTypes.INTEGER, allowNull: false },
      userId: DataTypes.INTEGER,
      kind: { type: DataTypes.STRING(16), allowNull: false },
      fileName: { type: DataTypes.STRING(255), allowNull: false },
      fileSha256: { type: DataTypes.STRING(64), allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      rowCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      matchedCount: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'import_batches', modelName: 'ImportBatch' },
  );
}
