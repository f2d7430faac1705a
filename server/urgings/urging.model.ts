import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

/** The board's dispatch urging units (đôn đốc); the paper itself is the issued report it points to. */
export class Urging extends Model<InferAttributes<Urging>, InferCreationAttributes<Urging>> {
  declare id: CreationOptional<number>;
  declare issuedReportId: number;
  /** The plan year the figures measure. */
  declare year: number;
  declare asOf: string;
  declare deadline: string;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** One addressed unit: its figures as printed, and its acknowledgement. */
export class UrgingRecipient extends Model<InferAttributes<UrgingRecipient>, InferCreationAttributes<UrgingRecipient>> {
  declare id: CreationOptional<number>;
  declare urgingId: number;
  declare unitId: number;
  declare plannedTrainees: number | null;
  declare enrolled: number;
  declare fulfillment: number | null;
  declare pace: number | null;
  declare acknowledgedAt: Date | null;
  declare acknowledgedBy: number | null;
  declare note: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initUrgingModels(sequelize: Sequelize): void {
  Urging.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      issuedReportId: { type: DataTypes.INTEGER, allowNull: false },
      year: { type: DataTypes.SMALLINT, allowNull: false },
      asOf: { type: DataTypes.DATEONLY, allowNull: false },
      deadline: { type: DataTypes.DATEONLY, allowNull: false },
      createdBy: DataTypes.INTEGER,
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'urgings', modelName: 'Urging' },
  );
  UrgingRecipient.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      urgingId: { type: DataTypes.INTEGER, allowNull: false },
      unitId: { type: DataTypes.INTEGER, allowNull: false },
      plannedTrainees: DataTypes.INTEGER,
      enrolled: { type: DataTypes.INTEGER, allowNull: false },
      fulfillment: DataTypes.DOUBLE,
      pace: DataTypes.DOUBLE,
      acknowledgedAt: DataTypes.DATE,
      acknowledgedBy: DataTypes.INTEGER,
      note: DataTypes.STRING(1000),
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'urging_recipients', modelName: 'UrgingRecipient' },
  );
}
