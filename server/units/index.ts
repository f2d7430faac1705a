// What other domains use of units: names as of a date, succession, and the refusal of new work for a unit
// that has ceased (DOMAIN.md "Units change").
export {
  assertUnitOpen,
  inheritedUnitIds,
  loadSuccession,
  nextDay,
  previousDay,
  predecessorsOf,
  profileOn,
  rollupTargets,
  unitAsOf,
  unitEnded,
  unitNamer,
  type Succession,
  type UnitProfile,
} from './unit-history.js';
export { issuerLines, unitLabeller, type IssuerLines } from './unit-labels.js';
export { recordUnitEvent, type UnitEventInput } from './unit-events.service.js';
