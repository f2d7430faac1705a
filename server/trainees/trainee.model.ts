import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const PARTY_STATUSES = ['masses', 'probationary', 'official'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

export class Trainee extends Model<InferAttributes<Trainee>, InferCreationAttributes<Trainee>> {
  declare id: CreationOptional<number>;
  declare fullName: string;
  declare searchName: string;
  declare birthDate: string | null;
  declare birthYear: number | null;
  declare gender: Gender | null;
  declare ethnicity: CreationOptional<string | null>;
  declare religion: CreationOptional<string | null>;
  declare nationalId: CreationOptional<string | null>;
  declare hometown: CreationOptional<string | null>;
  declare address: CreationOptional<string | null>;
  declare phone: CreationOptional<string | null>;
  declare email: CreationOptional<string | null>;
  declare educationLevel: CreationOptional<string | null>;
  declare professionalLevel: CreationOptional<string | null>;
  declare theoryLevel: CreationOptional<string | null>;
  declare position: CreationOptional<string | null>;
  declare workplace: CreationOptional<string | null>;
  declare partyStatus: CreationOptional<PartyStatus | null>;
  declare partyJoinedOn: CreationOptional<string | null>;
  declare partyOfficialOn: CreationOptional<string | null>;
  declare createdByUnitId: CreationOptional<number | null>;
  /** A duplicate merged into this record: hidden from lists and search; its page leads to the kept record. */
  declare mergedIntoId: CreationOptional<number | null>;
  declare mergedAt: CreationOptional<Date | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initTraineeModels(sequelize: Sequelize): void {
  Trainee.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      fullName: { type: DataTypes.STRING(150), allowNull: false },
      searchName: { type: DataTypes.STRING(150), allowNull: false },
      birthDate: DataTypes.DATEONLY,
      birthYear: DataTypes.SMALLINT,
      gender: DataTypes.STRING(8),
      ethnicity: DataTypes.STRING(50),
      religion: DataTypes.STRING(50),
      nationalId: { type: DataTypes.STRING(12), unique: true },
      hometown: DataTypes.STRING(255),
      address: DataTypes.STRING(255),
      phone: DataTypes.STRING(20),
      email: DataTypes.STRING(150),
      educationLevel: DataTypes.STRING(50),
      professionalLevel: DataTypes.STRING(100),
      theoryLevel: DataTypes.STRING(50),
      position: DataTypes.STRING(150),
      workplace: DataTypes.STRING(255),
      partyStatus: DataTypes.STRING(16),
      partyJoinedOn: DataTypes.DATEONLY,
      partyOfficialOn: DataTypes.DATEONLY,
      createdByUnitId: DataTypes.INTEGER,
      mergedIntoId: DataTypes.INTEGER,
      mergedAt: DataTypes.DATE,
      lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'trainees', modelName: 'Trainee' },
  );
}
