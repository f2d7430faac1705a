import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export class Plan extends Model<InferAttributes<Plan>, InferCreationAttributes<Plan>> {
  declare id: CreationOptional<number>;
  declare unitId: number;
  declare year: number;
  declare version: CreationOptional<number>;
  declare status: CreationOptional<PlanStatus>;
  declare amendsPlanId: CreationOptional<number | null>;
  declare note: CreationOptional<string | null>;
  declare returnReason: CreationOptional<string | null>;
  declare submittedAt: CreationOptional<Date | null>;
  declare submittedBy: CreationOptional<number | null>;
  declare decidedAt: CreationOptional<Date | null>;
  declare decidedBy: CreationOptional<number | null>;
  declare createdBy: CreationOptional<number | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export const QUARTERS = [1, 2, 3, 4] as const;

export class PlanTarget extends Model<InferAttributes<PlanTarget>, InferCreationAttributes<PlanTarget>> {
  declare id: CreationOptional<number>;
  declare planId: number;
  declare programId: number;
  declare plannedCourses: number;
  declare plannedTrainees: number;
  declare q1Courses: CreationOptional<number | null>;
  declare q2Courses: CreationOptional<number | null>;
  declare q3Courses: CreationOptional<number | null>;
  declare q4Courses: CreationOptional<number | null>;
  declare q1Trainees: CreationOptional<number | null>;
  declare q2Trainees: CreationOptional<number | null>;
  declare q3Trainees: CreationOptional<number | null>;
  declare q4Trainees: CreationOptional<number | null>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

// A fresh object per attribute: Sequelize writes each attribute's column name into its definition, so one
// shared object made all eight quarter attributes read and write the q1_courses column.
const nullableInt = () => ({ type: DataTypes.INTEGER, allowNull: true });

export function initPlanModels(sequelize: Sequelize): void {
  Plan.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      unitId: { type: DataTypes.INTEGER, allowNull: false },
      year: { type: DataTypes.SMALLINT, allowNull: false },
      version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'draft' },
      amendsPlanId: DataTypes.INTEGER,
      note: DataTypes.TEXT,
      returnReason: DataTypes.TEXT,
      submittedAt: DataTypes.DATE,
      submittedBy: DataTypes.INTEGER,
      decidedAt: DataTypes.DATE,
      decidedBy: DataTypes.INTEGER,
      createdBy: DataTypes.INTEGER,
      lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'plans', modelName: 'Plan' },
  );
  PlanTarget.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      planId: { type: DataTypes.INTEGER, allowNull: false },
      programId: { type: DataTypes.INTEGER, allowNull: false },
      plannedCourses: { type: DataTypes.INTEGER, allowNull: false },
      plannedTrainees: { type: DataTypes.INTEGER, allowNull: false },
      q1Courses: nullableInt(),
      q2Courses: nullableInt(),
      q3Courses: nullableInt(),
      q4Courses: nullableInt(),
      q1Trainees: nullableInt(),
      q2Trainees: nullableInt(),
      q3Trainees: nullableInt(),
      q4Trainees: nullableInt(),
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'plan_targets', modelName: 'PlanTarget' },
  );
}
