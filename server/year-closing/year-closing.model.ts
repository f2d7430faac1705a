import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** Khóa sổ of one unit's year, or of the whole province's (unitId null). Reopened rows stay, as history. */
export class YearClosing extends Model<InferAttributes<YearClosing>, InferCreationAttributes<YearClosing>> {
  declare id: CreationOptional<number>;
  declare unitId: number | null;
  declare year: number;
  /** The annual report or decision the closing follows, e.g. "Báo cáo số 12-BC/BTGTU ngày 15/01/2025". */
  declare decision: string;
  declare closedAt: Date;
  declare closedBy: number | null;
  declare reopenedAt: CreationOptional<Date | null>;
  declare reopenedBy: CreationOptional<number | null>;
  declare reopenReason: CreationOptional<string | null>;
  /** "2024:12" or "2024:*" while the closing holds, null once reopened (unique: one holding closing per key). */
  declare activeKey: string | null;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export const CORRECTION_STATUSES = ['pending', 'applied', 'rejected'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];
export const CORRECTION_TARGETS = ['course', 'enrollment'] as const;
export type CorrectionTarget = (typeof CORRECTION_TARGETS)[number];
/** course: update | cancel; enrollment: update | withdraw. */
export type CorrectionKind = 'update' | 'cancel' | 'withdraw';

/** Đề nghị điều chỉnh số liệu năm đã khóa sổ: one change to a course or an enrollment, waiting for the board. */
export class YearCorrection extends Model<InferAttributes<YearCorrection>, InferCreationAttributes<YearCorrection>> {
  declare id: CreationOptional<number>;
  /** The course's own unit. */
  declare unitId: number;
  declare year: number;
  declare courseId: number;
  declare targetType: CorrectionTarget;
  declare targetId: number;
  declare changeKind: CorrectionKind;
  /** JSON: the fields asked for. */
  declare changes: string;
  /** JSON: what those fields held when the request was made. */
  declare beforeData: string;
  /** The record's lock_version when the request was made. */
  declare baseVersion: number;
  declare reason: string;
  declare status: CreationOptional<CorrectionStatus>;
  declare requestedBy: number | null;
  declare decidedBy: CreationOptional<number | null>;
  declare decidedAt: CreationOptional<Date | null>;
  declare decisionNote: CreationOptional<string | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initYearClosingModels(sequelize: Sequelize): void {
  YearClosing.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      unitId: DataTypes.INTEGER,
      year: { type: DataTypes.INTEGER, allowNull: false },
      decision: { type: DataTypes.STRING(500), allowNull: false },
      closedAt: { type: DataTypes.DATE, allowNull: false },
      closedBy: DataTypes.INTEGER,
      reopenedAt: DataTypes.DATE,
      reopenedBy: DataTypes.INTEGER,
      reopenReason: DataTypes.TEXT,
      activeKey: DataTypes.STRING(32),
      lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'year_closings', modelName: 'YearClosing' },
  );
  YearCorrection.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      unitId: { type: DataTypes.INTEGER, allowNull: false },
      year: { type: DataTypes.INTEGER, allowNull: false },
      courseId: { type: DataTypes.INTEGER, allowNull: false },
      targetType: { type: DataTypes.STRING(16), allowNull: false },
      targetId: { type: DataTypes.INTEGER, allowNull: false },
      changeKind: { type: DataTypes.STRING(16), allowNull: false },
      changes: { type: DataTypes.TEXT, allowNull: false },
      beforeData: { type: DataTypes.TEXT, allowNull: false },
      baseVersion: { type: DataTypes.INTEGER, allowNull: false },
      reason: { type: DataTypes.TEXT, allowNull: false },
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'pending' },
      requestedBy: DataTypes.INTEGER,
      decidedBy: DataTypes.INTEGER,
      decidedAt: DataTypes.DATE,
      decisionNote: DataTypes.TEXT,
      lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'year_corrections', modelName: 'YearCorrection' },
  );
}
