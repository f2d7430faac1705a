import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export class AuditLog extends Model<InferAttributes<AuditLog>, InferCreationAttributes<AuditLog>> {
  declare id: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare userId: number | null;
  declare username: string | null;
  declare unitId: number | null;
  declare action: string;
  declare entityType: string;
  declare entityId: number | null;
  declare beforeData: string | null;
  declare afterData: string | null;
  declare requestId: string | null;
}

export function initAuditModels(sequelize: Sequelize): void {
  AuditLog.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      createdAt: DataTypes.DATE,
      userId: DataTypes.INTEGER,
      username: DataTypes.STRING(64),
      unitId: DataTypes.INTEGER,
      action: { type: DataTypes.STRING(32), allowNull: false },
      entityType: { type: DataTypes.STRING(32), allowNull: false },
      entityId: DataTypes.INTEGER,
      beforeData: DataTypes.TEXT,
      afterData: DataTypes.TEXT,
      requestId: DataTypes.STRING(64),
    },
    { sequelize, tableName: 'audit_logs', modelName: 'AuditLog', updatedAt: false },
  );
}
