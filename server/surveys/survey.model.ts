import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export const SURVEY_STATUSES = ['open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** The board's needs survey (rà soát nhu cầu) for one year: at most one per year. */
export class NeedsSurvey extends Model<InferAttributes<NeedsSurvey>, InferCreationAttributes<NeedsSurvey>> {
  declare id: CreationOptional<number>;
  /** The year whose needs are surveyed (the plan year). */
  declare year: number;
  /** 'YYYY-MM-DD': the last day units may answer. */
  declare deadline: string;
  declare status: CreationOptional<SurveyStatus>;
  declare note: CreationOptional<string | null>;
  declare openedBy: CreationOptional<number | null>;
  declare closedAt: CreationOptional<Date | null>;
  declare closedBy: CreationOptional<number | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** One unit's answer: its note; the figures are its lines. */
export class SurveyAnswer extends Model<InferAttributes<SurveyAnswer>, InferCreationAttributes<SurveyAnswer>> {
  declare id: CreationOptional<number>;
  declare surveyId: number;
  declare unitId: number;
  declare note: CreationOptional<string | null>;
  declare updatedBy: CreationOptional<number | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** People needing training in one program, of one category of learner. */
export class SurveyAnswerLine extends Model<InferAttributes<SurveyAnswerLine>, InferCreationAttributes<SurveyAnswerLine>> {
  declare id: CreationOptional<number>;
  declare answerId: number;
  declare programId: number;
  declare category: string;
  declare people: number;
}

export function initSurveyModels(sequelize: Sequelize): void {
  NeedsSurvey.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      year: { type: DataTypes.SMALLINT, allowNull: false },
      deadline: { type: DataTypes.DATEONLY, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'open' },
      note: DataTypes.TEXT,
      openedBy: DataTypes.INTEGER,
      closedAt: DataTypes.DATE,
      closedBy: DataTypes.INTEGER,
      lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'needs_surveys', modelName: 'NeedsSurvey' },
  );
  SurveyAnswer.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      surveyId: { type: DataTypes.INTEGER, allowNull: false },
      unitId: { type: DataTypes.INTEGER, allowNull: false },
      note: DataTypes.TEXT,
      updatedBy: DataTypes.INTEGER,
      lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'survey_answers', modelName: 'SurveyAnswer' },
  );
  SurveyAnswerLine.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      answerId: { type: DataTypes.INTEGER, allowNull: false },
      programId: { type: DataTypes.INTEGER, allowNull: false },
      category: { type: DataTypes.STRING(32), allowNull: false },
      people: { type: DataTypes.INTEGER, allowNull: false },
    },
    { sequelize, tableName: 'survey_answer_lines', modelName: 'SurveyAnswerLine', timestamps: false },
  );
}
