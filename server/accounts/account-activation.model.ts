import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';

/** The pending one-time code of a trainee account: a keyed hash only, never the code itself. */
export class AccountActivation extends Model<InferAttributes<AccountActivation>, InferCreationAttributes<AccountActivation>> {
  declare id: CreationOptional<number>;
  declare userId: number;
  declare codeHash: string;
  declare expiresAt: Date;
  declare failedAttempts: CreationOptional<number>;
  declare issuedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initAccountModels(sequelize: Sequelize): void {
  AccountActivation.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      userId: { type: DataTypes.INTEGER, allowNull: false, unique: true },
      codeHash: { type: DataTypes.STRING(64), allowNull: false },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
      failedAttempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      issuedBy: DataTypes.INTEGER,
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    { sequelize, tableName: 'account_activations', modelName: 'AccountActivation' },
  );
}
