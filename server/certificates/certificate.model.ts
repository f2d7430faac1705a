import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const CERTIFICATE_STATUSES = ['valid', 'replaced', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export class Certificate extends Model<InferAttributes<Certificate>, InferCreationAttributes<Certificate>> {
  declare id: CreationOptional<number>;
  declare enrollmentId: number;
  declare unitId: number;
  declare year: number;
  declare seq: number;
  declare number: string;
  declare issuedOn: string;
  declare unitName: string;
  declare unitParentBody: string;
  declare signerName: string;
  declare signerTitle: string;
  declare signerAuthority: string | null;
  declare verifyCode: string;
  declare status: CreationOptional<CertificateStatus>;
  declare replacesId: CreationOptional<number | null>;
  declare reissueReason: CreationOptional<string | null>;
  declare decisionNumber: CreationOptional<string | null>;
  declare revokeReason: CreationOptional<string | null>;
  declare revokedAt: CreationOptional<Date | null>;
  declare createdBy: CreationOptional<number | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class CertificateCounter extends Model<
  InferAttributes<CertificateCounter>,
  InferCreationAttributes<CertificateCounter>
> {
  declare unitId: number;
  declare year: number;
  declare lastSeq: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initCertificateModels(sequelize: Sequelize): void {
  Certificate.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      enrollmentId: { type: DataTypes.INTEGER, allowNull: false },
      unitId: { type: DataTypes.INTEGER, allowNull: false },
      year: { type: DataTypes.SMALLINT, allowNull: false },
      seq: { type: DataTypes.INTEGER, allowNull: false },
      number: { type: DataTypes.STRING(50), allowNull: false },
      issuedOn: { type: DataTypes.DATEONLY, allowNull: false },
      unitName: { type: DataTypes.STRING(255), allowNull: false },
      unitParentBody: { type: DataTypes.STRING(255), allowNull: false },
      signerName: { type: DataTypes.STRING(100), allowNull: false },
      signerTitle: { type: DataTypes.STRING(100), allowNull: false },
      signerAuthority: DataTypes.STRING(100),
      verifyCode: { type: DataTypes.STRING(32), allowNull: false, unique: true },
      status: { type: DataTypes.STRING(12), allowNull: false, defaultValue: 'valid' },
      replacesId: DataTypes.INTEGER,
      reissueReason: DataTypes.TEXT,
      decisionNumber: DataTypes.STRING(60),
      revokeReason: DataTypes.TEXT,
      revokedAt: DataTypes.DATE,
      createdBy: DataTypes.INTEGER,
      lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'certificates', modelName: 'Certificate' },
  );
  CertificateCounter.init(
    {
      unitId: { type: DataTypes.INTEGER, primaryKey: true },
      year: { type: DataTypes.SMALLINT, primaryKey: true },
      lastSeq: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'certificate_counters', modelName: 'CertificateCounter' },
  );
}
