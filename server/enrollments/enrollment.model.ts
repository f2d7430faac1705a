import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const ENROLLMENT_STATUSES = ['enrolled', 'completed', 'failed', 'withdrawn'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
export const GRADES = ['excellent', 'good', 'fair', 'average', 'fail'] as const;
export type Grade = (typeof GRADES)[number];

export class Enrollment extends Model<InferAttributes<Enrollment>, InferCreationAttributes<Enrollment>> {
  declare id: CreationOptional<number>;
  declare courseId: number;
  declare traineeId: number;
  declare sendingOrg: CreationOptional<string | null>;
  declare attendance: CreationOptional<number | null>;
  declare score: CreationOptional<number | null>;
  declare grade: CreationOptional<Grade | null>;
  declare status: CreationOptional<EnrollmentStatus>;
  declare withdrawReason: CreationOptional<string | null>;
  declare withdrawnAt: CreationOptional<Date | null>;
  declare importBatchId: CreationOptional<number | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initEnrollmentModels(sequelize: Sequelize): void {
  Enrollment.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      courseId: { type: DataTypes.INTEGER, allowNull: false },
      traineeId: { type: DataTypes.INTEGER, allowNull: false },
      sendingOrg: DataTypes.STRING(255),
      attendance: DataTypes.DECIMAL(4, 3),
      score: DataTypes.DECIMAL(3, 1),
      grade: DataTypes.STRING(12),
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'enrolled' },
      withdrawReason: DataTypes.TEXT,
      withdrawnAt: DataTypes.DATE,
      importBatchId: DataTypes.INTEGER,
      lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'enrollments', modelName: 'Enrollment' },
  );
}
