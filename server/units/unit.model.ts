import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

export const UNIT_KINDS = ['board', 'center', 'committee'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export class Unit extends Model<InferAttributes<Unit>, InferCreationAttributes<Unit>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare kind: UnitKind;
  declare name: string;
  declare shortName: string;
  /** First line of the Party document header, e.g. "HUYỆN ỦY VĂN LÂM". */
  declare parentBody: string;
  /** Second line, e.g. "TRUNG TÂM CHÍNH TRỊ". */
  declare headerName: string;
  /** Used in document and certificate numbers, e.g. "TTCTVL". */
  declare symbol: string;
  /** Place in the date line, e.g. "Văn Lâm". */
  declare place: string;
  declare signerName: string | null;
  declare signerTitle: string | null;
  declare signerAuthority: string | null;
  declare sortOrder: CreationOptional<number>;
  declare validFrom: string;
  declare validTo: CreationOptional<string | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export const UNIT_EVENT_KINDS = ['establish', 'rename', 'reclassify', 'transfer', 'merge', 'split', 'dissolve'] as const;
export type UnitEventKind = (typeof UNIT_EVENT_KINDS)[number];
/** Kinds after which the unit no longer exists: its work passes to its successors. */
export const ENDING_KINDS: ReadonlySet<UnitEventKind> = new Set(['merge', 'split', 'dissolve']);
export const STAFF_ACTIONS = ['move', 'disable'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];

export class UnitEvent extends Model<InferAttributes<UnitEvent>, InferCreationAttributes<UnitEvent>> {
  declare id: CreationOptional<number>;
  declare unitId: number;
  declare kind: UnitEventKind;
  declare effectiveDate: string;
  declare decisionNumber: string;
  declare oldName: string | null;
  declare newName: string | null;
  declare newKind: CreationOptional<UnitKind | null>;
  declare newShortName: CreationOptional<string | null>;
  declare newParentBody: CreationOptional<string | null>;
  declare newHeaderName: CreationOptional<string | null>;
  declare newSymbol: CreationOptional<string | null>;
  declare newPlace: CreationOptional<string | null>;
  declare staffAction: CreationOptional<StaffAction | null>;
  declare createdBy: CreationOptional<number | null>;
  declare note: CreationOptional<string | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class UnitEventSuccessor extends Model<InferAttributes<UnitEventSuccessor>, InferCreationAttributes<UnitEventSuccessor>> {
  declare eventId: number;
  declare successorUnitId: number;
  /** 0 for the successor that carries the unit's figures in reports rolled up into successors. */
  declare position: CreationOptional<number>;
}

/** A unit as it was named from `validFrom` on: what papers dated from then print. */
export class UnitName extends Model<InferAttributes<UnitName>, InferCreationAttributes<UnitName>> {
  declare id: CreationOptional<number>;
  declare unitId: number;
  declare validFrom: string;
  declare kind: UnitKind;
  declare name: string;
  declare shortName: string;
  declare parentBody: string;
  declare headerName: string;
  declare symbol: string;
  declare place: string;
  declare signerName: string | null;
  declare signerTitle: string | null;
  declare signerAuthority: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initUnitModels(sequelize: Sequelize): void {
  Unit.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      code: { type: DataTypes.STRING(20), allowNull: false, unique: true },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      name: { type: DataTypes.STRING(255), allowNull: false },
      shortName: { type: DataTypes.STRING(100), allowNull: false },
      parentBody: { type: DataTypes.STRING(255), allowNull: false },
      headerName: { type: DataTypes.STRING(255), allowNull: false },
      symbol: { type: DataTypes.STRING(20), allowNull: false },
      place: { type: DataTypes.STRING(100), allowNull: false },
      signerName: DataTypes.STRING(100),
      signerTitle: DataTypes.STRING(100),
      signerAuthority: DataTypes.STRING(100),
      sortOrder: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      validFrom: { type: DataTypes.DATEONLY, allowNull: false },
      validTo: DataTypes.DATEONLY,
      lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'units', modelName: 'Unit' },
  );
  UnitEvent.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      unitId: { type: DataTypes.INTEGER, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      effectiveDate: { type: DataTypes.DATEONLY, allowNull: false },
      decisionNumber: { type: DataTypes.STRING(50), allowNull: false },
      oldName: DataTypes.STRING(255),
      newName: DataTypes.STRING(255),
      newKind: DataTypes.STRING(16),
      newShortName: DataTypes.STRING(100),
      newParentBody: DataTypes.STRING(255),
      newHeaderName: DataTypes.STRING(255),
      newSymbol: DataTypes.STRING(20),
      newPlace: DataTypes.STRING(100),
      staffAction: DataTypes.STRING(16),
      createdBy: DataTypes.INTEGER,
      note: DataTypes.TEXT,
      lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'unit_events', modelName: 'UnitEvent' },
  );
  UnitEventSuccessor.init(
    {
      eventId: { type: DataTypes.INTEGER, primaryKey: true },
      successorUnitId: { type: DataTypes.INTEGER, primaryKey: true },
      position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    },
    { sequelize, tableName: 'unit_event_successors', modelName: 'UnitEventSuccessor', timestamps: false },
  );
  UnitName.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      unitId: { type: DataTypes.INTEGER, allowNull: false },
      validFrom: { type: DataTypes.DATEONLY, allowNull: false },
      kind: { type: DataTypes.STRING(16), allowNull: false },
      name: { type: DataTypes.STRING(255), allowNull: false },
      shortName: { type: DataTypes.STRING(100), allowNull: false },
      parentBody: { type: DataTypes.STRING(255), allowNull: false },
      headerName: { type: DataTypes.STRING(255), allowNull: false },
      symbol: { type: DataTypes.STRING(20), allowNull: false },
      place: { type: DataTypes.STRING(100), allowNull: false },
      signerName: DataTypes.STRING(100),
      signerTitle: DataTypes.STRING(100),
      signerAuthority: DataTypes.STRING(100),
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'unit_names', modelName: 'UnitName' },
  );
}
