import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import type { ImportKind } from './import-batch.model.js';

/** An uploaded file between its preview and its commit (see uploads.ts). */
export class ImportUpload extends Model<InferAttributes<ImportUpload>, InferCreationAttributes<ImportUpload>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare courseId: number;
  declare kind: ImportKind;
  declare fileName: string;
  declare fileSha256: string;
  declare byteSize: number;
  declare content: Buffer;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initImportUploadModel(sequelize: Sequelize): void {
  ImportUpload.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      userId: { type: DataTypes.INTEGER, allowNull: false },
      courseId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      fileName: { type: DataTypes.STRING(255), allowNull: false },
      fileSha256: { type: DataTypes.STRING(64), allowNull: false },
      byteSize: { type: DataTypes.INTEGER, allowNull: false },
      content: { type: DataTypes.BLOB('medium'), allowNull: false },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'import_uploads', modelName: 'ImportUpload' },
  );
}
