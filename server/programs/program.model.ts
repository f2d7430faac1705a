import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const PROGRAM_CATEGORIES = ['dao-tao', 'boi-duong-llct', 'boi-duong-nv'] as const;
export type ProgramCategory = (typeof PROGRAM_CATEGORIES)[number];
export type Assessment = 'exam' | 'essay' | 'test' | 'attendance' | 'none';
/**
 * score: completed when the score passes and attendance reaches minAttendance (0 waives that part);
 * attendance: completed when attendance reaches minAttendance. See resultOf in grading.ts.
 */
export type CompletionRule = 'score' | 'attendance';

export class Program extends Model<InferAttributes<Program>, InferCreationAttributes<Program>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  declare category: ProgramCategory;
  declare usualDays: number;
  declare minDays: number;
  declare maxDays: number;
  declare assessment: Assessment;
  declare completionRule: CompletionRule;
  declare credential: string | null;
  declare gradeExcellent: CreationOptional<number>;
  declare gradeGood: CreationOptional<number>;
  declare gradeFair: CreationOptional<number>;
  declare gradePass: CreationOptional<number>;
  declare minAttendance: CreationOptional<number>;
  /** Sĩ số thường gặp: a plan drafted from a needs survey suggests ceil(people ÷ this) courses. */
  declare usualClassSize: CreationOptional<number>;
  declare sortOrder: CreationOptional<number>;
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

// DECIMAL comes back as a number: SQLite stores it as one, and MySQL is opened with decimalNumbers.
const decimal = (precision: number, scale: number, defaultValue: number) => ({
  type: DataTypes.DECIMAL(precision, scale),
  allowNull: false,
  defaultValue,
});

export function initProgramModels(sequelize: Sequelize): void {
  Program.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(20), allowNull: false, unique: true },
      name: { type: DataTypes.STRING(255), allowNull: false },
      category: { type: DataTypes.STRING(20), allowNull: false },
      usualDays: { type: DataTypes.INTEGER, allowNull: false },
      minDays: { type: DataTypes.INTEGER, allowNull: false },
      maxDays: { type: DataTypes.INTEGER, allowNull: false },
      assessment: { type: DataTypes.STRING(16), allowNull: false },
      completionRule: { type: DataTypes.STRING(16), allowNull: false },
      credential: DataTypes.STRING(100),
      gradeExcellent: decimal(3, 1, 9.0),
      gradeGood: decimal(3, 1, 8.0),
      gradeFair: decimal(3, 1, 7.0),
      gradePass: decimal(3, 1, 5.0),
      minAttendance: decimal(4, 3, 0.8),
      usualClassSize: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 80 },
      sortOrder: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'programs', modelName: 'Program' },
  );
}
