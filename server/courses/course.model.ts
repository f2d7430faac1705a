import {
  DataTypes,
  Model,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Sequelize,
} from 'sequelize';
import { searchKey } from '../lib/text.js';

export const COURSE_STATUSES = ['planned', 'open', 'finished', 'cancelled'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

export class Course extends Model<InferAttributes<Course>, InferCreationAttributes<Course>> {
  declare id: CreationOptional<number>;
  declare unitId: number;
  declare programId: number;
  declare name: string;
  /** The name folded for search (accents and case ignored), kept by the hooks below. */
  declare searchName: CreationOptional<string | null>;
  declare startDate: string;
  declare endDate: string;
  declare place: CreationOptional<string | null>;
  declare capacity: number;
  declare status: CreationOptional<CourseStatus>;
  declare cancelReason: CreationOptional<string | null>;
  declare note: CreationOptional<string | null>;
  declare createdBy: CreationOptional<number | null>;
  declare lockVersion: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export function initCourseModels(sequelize: Sequelize): void {
  Course.init(
    {
      id: { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true },
      unitId: { type: DataTypes.INTEGER, allowNull: false },
      programId: { type: DataTypes.INTEGER, allowNull: false },
      name: { type: DataTypes.STRING(255), allowNull: false },
      searchName: DataTypes.STRING(255),
      startDate: { type: DataTypes.DATEONLY, allowNull: false },
      endDate: { type: DataTypes.DATEONLY, allowNull: false },
      place: DataTypes.STRING(255),
      capacity: { type: DataTypes.INTEGER, allowNull: false },
      status: { type: DataTypes.STRING(16), allowNull: false, defaultValue: 'planned' },
      cancelReason: DataTypes.TEXT,
      note: DataTypes.TEXT,
      createdBy: DataTypes.INTEGER,
      lockVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdAt: DataTypes.DATE,
      updatedAt: DataTypes.DATE,
    },
    {
      sequelize,
      tableName: 'courses',
      modelName: 'Course',
      hooks: {
        // Every write that names the course refolds it: a create, a save, or a static update (the versioned edit).
        beforeSave: (course) => {
          if (course.changed('name') || !course.searchName) course.searchName = searchKey(course.name);
        },
        beforeBulkUpdate: (options) => {
          const values = (options as { attributes?: Record<string, unknown> }).attributes;
          if (values && typeof values.name === 'string') {
            values.searchName = searchKey(values.name);
            if (Array.isArray(options.fields) && !options.fields.includes('searchName')) options.fields.push('searchName');
          }
        },
      },
    },
  );
}
