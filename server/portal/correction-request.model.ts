import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const CORRECTION_STATUSES = ['open', 'resolved'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

export class CorrectionRequest extends Model<InferAttributes<CorrectionRequest>, InferCreationAttributes<CorrectionRequest>> {
  declare id: CreationOptional<number>;
  declare traineeId: number;
  declare enrollmentId: number | null;
  /** The unit that entered the record in question, which is the one to correct it. */
  declare unitId: number;
  declare message: string;
  declare status: CreationOptional<CorrectionStatus>;
  declare resolutionNote: CreationOptional<string | null>;
  declare createdBy: number | null;
  declare resolvedBy: CreationOptional<number | null>;
  declare resolvedAt: CreationOptional<Date | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initCorrectionModels(sequelize: Sequelize): void {
  CorrectionRequest.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      traineeId: { type: DataTypes.INTEGER, allowNull: false },
      enrollmentId: DataTypes.INTEGER,
      unitId: { type: DataTypes.INTEGER, allowNull: false },
      message: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'open' },
      resolutionNote: DataTypes.TEXT,
      createdBy: DataTypes.INTEGER,
      resolvedBy: DataTypes.INTEGER,
      resolvedAt: DataTypes.DATE,
      lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'correction_requests', modelName: 'CorrectionRequest' },
  );
}
