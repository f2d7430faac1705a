import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/**
 * What was issued. Reports now; a Công văn or Thông báo of a later issue adds its kind here (and its doc type),
 * and is numbered in its own series the same way.
 */
export const ISSUED_KINDS = ['province-progress', 'unit-progress', 'urging'] as const;
export type IssuedKind = (typeof ISSUED_KINDS)[number];

/** Party document type codes (DOMAIN.md "Printed reports"): BC báo cáo, KH kế hoạch, TB thông báo, CV công văn. */
export const DOC_TYPES = ['BC', 'KH', 'TB', 'CV'] as const;
export type DocType = (typeof DOC_TYPES)[number];
/** The type as the register writes it before the subject ("Báo cáo kết quả …"): Vietnamese, as the paper. */
export const DOC_TYPE_NAMES: Record<DocType, string> = { BC: 'Báo cáo', KH: 'Kế hoạch', TB: 'Thông báo', CV: 'Công văn' };

/** An issued paper, kept as printed: never updated, never deleted. A mistake is put right by issuing another that replaces it. */
export class IssuedReport extends Model<InferAttributes<IssuedReport>, InferCreationAttributes<IssuedReport>> {
  declare id: CreationOptional<number>;
  declare kind: IssuedKind;
  /** The issuer, whose number series this is: the board for the province report, the unit for its own. */
  declare unitId: number;
  declare docType: DocType;
  /** The year of the issue date: numbers restart every year. */
  declare numberYear: number;
  declare number: number;
  /** As printed after "Số ": "127-BC/BTGTU". */
  declare symbol: string;
  declare reportYear: number;
  declare period: string;
  declare asOf: string;
  declare view: string;
  declare issuedOn: string;
  /** "kết quả đào tạo, bồi dưỡng … năm 2024": the trích yếu under "BÁO CÁO". */
  declare subject: string;
  /** The issuer's name and signer as printed that day. */
  declare issuerName: string;
  declare signerName: string | null;
  /** JSON array of "Nơi nhận" as printed. */
  declare recipients: string;
  /** JSON of the board's text (ReportNarrative), null when none was written. */
  declare narrative: string | null;
  /** JSON of the ProgressReport the paper was rendered from. */
  declare figures: string;
  declare pdf: Buffer;
  declare pdfSize: number;
  declare sha256: string;
  declare replacesId: number | null;
  declare createdBy: number | null;
  declare createdAt: CreationOptional<Date>;
}

/** The board's (or a unit's) text for a report not issued yet, kept per issuer, kind, year and period. */
export class ReportDraft extends Model<InferAttributes<ReportDraft>, InferCreationAttributes<ReportDraft>> {
  declare id: CreationOptional<number>;
  declare kind: IssuedKind;
  declare unitId: number;
  declare reportYear: number;
  declare period: string;
  declare narrative: string;
  declare updatedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initIssuedReportModels(sequelize: Sequelize): void {
  // LONGTEXT and LONGBLOB on MySQL; SQLite's TEXT and BLOB hold any size and take no length.
  const longText = sequelize.getDialect() === 'mysql' ? DataTypes.TEXT('long') : DataTypes.TEXT;
  const longBlob = sequelize.getDialect() === 'mysql' ? DataTypes.BLOB('long') : DataTypes.BLOB;
  IssuedReport.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      kind: { type: DataTypes.STRING(32), allowNull: false },
      unitId: { type: DataTypes.INTEGER, allowNull: false },
      docType: { type: DataTypes.STRING(8), allowNull: false },
      numberYear: { type: DataTypes.SMALLINT, allowNull: false },
      number: { type: DataTypes.INTEGER, allowNull: false },
      symbol: { type: DataTypes.STRING(60), allowNull: false },
      reportYear: { type: DataTypes.SMALLINT, allowNull: false },
      period: { type: DataTypes.STRING(8), allowNull: false },
      asOf: { type: DataTypes.DATEONLY, allowNull: false },
      view: { type: DataTypes.STRING(16), allowNull: false },
      issuedOn: { type: DataTypes.DATEONLY, allowNull: false },
      subject: { type: DataTypes.STRING(500), allowNull: false },
      issuerName: { type: DataTypes.STRING(255), allowNull: false },
      signerName: DataTypes.STRING(100),
      recipients: { type: DataTypes.TEXT, allowNull: false },
      narrative: longText,
      figures: { type: longText, allowNull: false },
      pdf: { type: longBlob, allowNull: false },
      pdfSize: { type: DataTypes.INTEGER, allowNull: false },
      sha256: { type: DataTypes.STRING(64), allowNull: false },
      replacesId: DataTypes.INTEGER,
      createdBy: DataTypes.INTEGER,
      createdAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'issued_reports', modelName: 'IssuedReport', updatedAt: false },
  );
  ReportDraft.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      kind: { type: DataTypes.STRING(32), allowNull: false },
      unitId: { type: DataTypes.INTEGER, allowNull: false },
      reportYear: { type: DataTypes.SMALLINT, allowNull: false },
      period: { type: DataTypes.STRING(8), allowNull: false },
      narrative: { type: longText, allowNull: false },
      updatedBy: DataTypes.INTEGER,
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'report_drafts', modelName: 'ReportDraft' },
  );
}
