// The model registry: every model is initialised and associated here, once, so domains never import
// each other's models in a cycle.
import type { Sequelize } from 'sequelize';
import { AccountActivation, initAccountModels } from '../accounts/account-activation.model.js';
import { AuditLog, initAuditModels } from '../audit/audit-log.model.js';
import { Certificate, CertificateCounter, initCertificateModels } from '../certificates/certificate.model.js';
import { Course, initCourseModels } from '../courses/course.model.js';
import { Enrollment, initEnrollmentModels } from '../enrollments/enrollment.model.js';
import { ImportBatch, initImportModels } from '../imports/import-batch.model.js';
import { ImportUpload, initImportUploadModel } from '../imports/import-upload.model.js';
import { IssuedReport, ReportDraft, initIssuedReportModels } from '../issued-reports/issued-report.model.js';
import { Plan, PlanTarget, initPlanModels } from '../plans/plan.model.js';
import { CorrectionRequest, initCorrectionModels } from '../portal/correction-request.model.js';
import { Program, initProgramModels } from '../programs/program.model.js';
import { Setting, initSettingModels } from '../settings/setting.model.js';
import { NeedsSurvey, SurveyAnswer, SurveyAnswerLine, initSurveyModels } from '../surveys/survey.model.js';
import { Trainee, initTraineeModels } from '../trainees/trainee.model.js';
import { Urging, UrgingRecipient, initUrgingModels } from '../urgings/urging.model.js';
import { Unit, UnitEvent, UnitEventSuccessor, UnitName, initUnitModels } from '../units/unit.model.js';
import { ApiToken, Session, User, initUserModels } from '../users/user.model.js';
import { YearClosing, YearCorrection, initYearClosingModels } from '../year-closing/year-closing.model.js';

let registeredWith: Sequelize | null = null;

export function registerModels(sequelize: Sequelize): void {
  if (registeredWith === sequelize) return;
  if (registeredWith) throw new Error('Models are already registered with another Sequelize instance');
  registeredWith = sequelize;

  initUnitModels(sequelize);
  initProgramModels(sequelize);
  initTraineeModels(sequelize);
  initUserModels(sequelize);
  initPlanModels(sequelize);
  initCourseModels(sequelize);
  initImportModels(sequelize);
  initImportUploadModel(sequelize);
  initEnrollmentModels(sequelize);
  initCertificateModels(sequelize);
  initAuditModels(sequelize);
  initSettingModels(sequelize);
  initAccountModels(sequelize);
  initCorrectionModels(sequelize);
  initIssuedReportModels(sequelize);
  initYearClosingModels(sequelize);
  initUrgingModels(sequelize);
  initSurveyModels(sequelize);

  Unit.hasMany(UnitEvent, { foreignKey: 'unitId', as: 'events' });
  UnitEvent.belongsTo(Unit, { foreignKey: 'unitId', as: 'unit' });
  UnitEvent.hasMany(UnitEventSuccessor, { foreignKey: 'eventId', as: 'successors' });
  UnitEventSuccessor.belongsTo(Unit, { foreignKey: 'successorUnitId', as: 'unit' });
  Unit.hasMany(UnitName, { foreignKey: 'unitId', as: 'names' });

  User.belongsTo(Unit, { foreignKey: 'unitId', as: 'unit' });
  User.belongsTo(Trainee, { foreignKey: 'traineeId', as: 'trainee' });
  ApiToken.belongsTo(User, { foreignKey: 'userId', as: 'user' });
  User.hasMany(ApiToken, { foreignKey: 'userId', as: 'tokens' });

  Plan.belongsTo(Unit, { foreignKey: 'unitId', as: 'unit' });
  Plan.hasMany(PlanTarget, { foreignKey: 'planId', as: 'targets' });
  PlanTarget.belongsTo(Plan, { foreignKey: 'planId', as: 'plan' });
  PlanTarget.belongsTo(Program, { foreignKey: 'programId', as: 'program' });

  Course.belongsTo(Unit, { foreignKey: 'unitId', as: 'unit' });
  Course.belongsTo(Program, { foreignKey: 'programId', as: 'program' });
  Course.hasMany(Enrollment, { foreignKey: 'courseId', as: 'enrollments' });
  Unit.hasMany(Course, { foreignKey: 'unitId', as: 'courses' });

  Enrollment.belongsTo(Course, { foreignKey: 'courseId', as: 'course' });
  Enrollment.belongsTo(Trainee, { foreignKey: 'traineeId', as: 'trainee' });
  Trainee.hasMany(Enrollment, { foreignKey: 'traineeId', as: 'enrollments' });
  Enrollment.hasMany(Certificate, { foreignKey: 'enrollmentId', as: 'certificates' });

  Certificate.belongsTo(Enrollment, { foreignKey: 'enrollmentId', as: 'enrollment' });
  Certificate.belongsTo(Unit, { foreignKey: 'unitId', as: 'unit' });
  Certificate.belongsTo(Certificate, { foreignKey: 'replacesId', as: 'replaces' });

  ImportBatch.belongsTo(Course, { foreignKey: 'courseId', as: 'course' });
  AuditLog.belongsTo(User, { foreignKey: 'userId', as: 'user' });

  AccountActivation.belongsTo(User, { foreignKey: 'userId', as: 'user' });
  User.hasOne(AccountActivation, { foreignKey: 'userId', as: 'activation' });
  Trainee.hasOne(User, { foreignKey: 'traineeId', as: 'account' });
  CorrectionRequest.belongsTo(Trainee, { foreignKey: 'traineeId', as: 'trainee' });
  CorrectionRequest.belongsTo(Enrollment, { foreignKey: 'enrollmentId', as: 'enrollment' });
  CorrectionRequest.belongsTo(Unit, { foreignKey: 'unitId', as: 'unit' });
  CorrectionRequest.belongsTo(User, { foreignKey: 'resolvedBy', as: 'resolver' });

  IssuedReport.belongsTo(Unit, { foreignKey: 'unitId', as: 'unit' });
  IssuedReport.belongsTo(User, { foreignKey: 'createdBy', as: 'creator' });
  IssuedReport.belongsTo(IssuedReport, { foreignKey: 'replacesId', as: 'replaces' });
  YearClosing.belongsTo(Unit, { foreignKey: 'unitId', as: 'unit' });
  YearClosing.belongsTo(User, { foreignKey: 'closedBy', as: 'closer' });
  YearClosing.belongsTo(User, { foreignKey: 'reopenedBy', as: 'reopener' });
  YearCorrection.belongsTo(Unit, { foreignKey: 'unitId', as: 'unit' });
  YearCorrection.belongsTo(Course, { foreignKey: 'courseId', as: 'course' });
  YearCorrection.belongsTo(User, { foreignKey: 'requestedBy', as: 'requester' });
  YearCorrection.belongsTo(User, { foreignKey: 'decidedBy', as: 'decider' });
  Urging.belongsTo(IssuedReport, { foreignKey: 'issuedReportId', as: 'paper' });
  Urging.hasMany(UrgingRecipient, { foreignKey: 'urgingId', as: 'recipients' });
  UrgingRecipient.belongsTo(Urging, { foreignKey: 'urgingId', as: 'urging' });
  UrgingRecipient.belongsTo(Unit, { foreignKey: 'unitId', as: 'unit' });
  UrgingRecipient.belongsTo(User, { foreignKey: 'acknowledgedBy', as: 'acknowledger' });
  NeedsSurvey.hasMany(SurveyAnswer, { foreignKey: 'surveyId', as: 'answers' });
  SurveyAnswer.belongsTo(NeedsSurvey, { foreignKey: 'surveyId', as: 'survey' });
  SurveyAnswer.belongsTo(Unit, { foreignKey: 'unitId', as: 'unit' });
  SurveyAnswer.hasMany(SurveyAnswerLine, { foreignKey: 'answerId', as: 'lines' });
  SurveyAnswerLine.belongsTo(Program, { foreignKey: 'programId', as: 'program' });
}

export {
  AccountActivation,
  ApiToken,
  AuditLog,
  Certificate,
  CertificateCounter,
  CorrectionRequest,
  Course,
  Enrollment,
  ImportBatch,
  ImportUpload,
  IssuedReport,
  NeedsSurvey,
  Plan,
  PlanTarget,
  Program,
  ReportDraft,
  Session,
  Setting,
  SurveyAnswer,
  SurveyAnswerLine,
  Trainee,
  Unit,
  UnitEvent,
  UnitEventSuccessor,
  Urging,
  UrgingRecipient,
  UnitName,
  User,
  YearClosing,
  YearCorrection,
};
