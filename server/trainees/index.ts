// What other domains may use of trainees.
export {
  assertTraineeInScope,
  findOrCreateTrainee,
  getTrainee,
  isTraineeInScope,
  parseSearch,
  searchTrainees,
  traineeJson,
  traineeScopeSql,
  type SearchResult,
  type TraineeHit,
  type TraineeView,
} from './trainees.service.js';
export { searchTraineesForUnit } from './trainee-search.service.js';
export { parseBirth, traineeApiFields, traineePageFields, type TraineeInput } from './trainees.schema.js';
export { GENDERS, PARTY_STATUSES } from './trainee.model.js';
