// The demo's 2025 and 2026, on the history of units-2025.ts. 2025: the centers train in the first half under
// plans amended to it, the "khối" committees in January and February; the new agencies committee from March
// and the commune and ward committees that took over the centers from July, under plans for those months.
// 2026: the units of today, for the whole year, up to the demo's "today" and a few courses planned after it.
import { AGENCY_POSITIONS, COMMUNE_POSITIONS } from './demo-data.js';
import { historicalUnitYear, profileOf, type DemoGenerator, type UnitRef, type UnitYear } from './demo-generator.js';
import { AGENCIES_COMMITTEE, AMENDMENTS, CENTER_SUCCESSORS, CONTINUING, DEMO_TODAY, DISTRICTS_END, ORGS_2026, PACE_2025, type SuccessorSpec } from './units-2025.js';

const previousDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Every commune and ward of the successors: where people of the province's own committees come from after 2025. */
export const NEW_COMMUNES = Object.values(CENTER_SUCCESSORS).flatMap((c) => c.successors.flatMap((s) => s.communes));

function successorYear(unit: UnitRef, spec: SuccessorSpec, centerCode: string, yearIndex: 0 | 1): UnitYear {
  return {
    unit,
    programme: 'center',
    size: profileOf(centerCode).size * spec.share,
    pace: spec.pace[yearIndex],
    quarterly: spec.quarterly,
    style: 'commune',
    communes: spec.communes,
    orgs: [unit.name],
    positions: COMMUNE_POSITIONS,
    femaleShare: 0.42,
  };
}

function continuingYear(unit: UnitRef, yearIndex: 0 | 1): UnitYear {
  const spec = CONTINUING[unit.code]!;
  const base: UnitYear =
    unit.code === AGENCIES_COMMITTEE.code
      ? { ...historicalUnitYear(unit, 0), orgs: AGENCIES_COMMITTEE.orgs, positions: AGENCY_POSITIONS, femaleShare: 0.42 }
      : historicalUnitYear(unit, 0);
  return { ...base, size: spec.size, pace: spec.pace[yearIndex], quarterly: spec.quarterly, communes: yearIndex === 0 ? base.communes : NEW_COMMUNES, orgs: (yearIndex === 1 && ORGS_2026[unit.code]) || base.orgs };
}

/** Runs 2025 and 2026 on a generator that has run 2023–2024. `byCode` holds every unit, old and new. */
export function runLaterYears(generator: DemoGenerator, byCode: Map<string, UnitRef>): void {
  const unit = (code: string) => {
    const found = byCode.get(code);
    if (!found) throw new Error(`demo: unit ${code} is missing`);
    return found;
  };
  const centerEnd = previousDay(DISTRICTS_END);
  const agenciesFrom = AGENCIES_COMMITTEE.validFrom;

  // The successors draw on the people their predecessors trained.
  generator.inheritPeople(AGENCIES_COMMITTEE.code, AGENCIES_COMMITTEE.merged);
  for (const [center, { successors }] of Object.entries(CENTER_SUCCESSORS)) {
    for (const s of successors) generator.inheritPeople(s.code, [center]);
  }

  const year2025: UnitYear[] = [];
  for (const center of Object.keys(CENTER_SUCCESSORS)) {
    year2025.push({
      ...historicalUnitYear(unit(center), 0),
      pace: PACE_2025[center] ?? 1,
      window: { from: '2025-01-01', to: centerEnd },
      amendment: AMENDMENTS.center!,
    });
  }
  for (const code of AGENCIES_COMMITTEE.merged) {
    year2025.push({
      ...historicalUnitYear(unit(code), 0),
      pace: PACE_2025[code] ?? 1,
      window: { from: '2025-01-01', to: previousDay(agenciesFrom) },
      amendment: AMENDMENTS.committee!,
    });
  }
  year2025.push({ ...continuingYear(unit(AGENCIES_COMMITTEE.code), 0), window: { from: agenciesFrom, to: '2025-12-31' }, planDecidedOn: shift(agenciesFrom, 19) });
  year2025.push(continuingYear(unit('DUQS'), 0), continuingYear(unit('DUCA'), 0));
  for (const [center, { successors }] of Object.entries(CENTER_SUCCESSORS)) {
    for (const s of successors) {
      year2025.push({ ...successorYear(unit(s.code), s, center, 0), window: { from: s.validFrom, to: '2025-12-31' }, planDecidedOn: shift(s.validFrom, 19) });
    }
  }
  generator.runYear(2025, year2025, { today: DEMO_TODAY });

  const year2026: UnitYear[] = [];
  for (const [center, { successors }] of Object.entries(CENTER_SUCCESSORS)) {
    for (const s of successors) year2026.push(successorYear(unit(s.code), s, center, 1));
  }
  year2026.push(continuingYear(unit(AGENCIES_COMMITTEE.code), 1), continuingYear(unit('DUQS'), 1), continuingYear(unit('DUCA'), 1));
  generator.runYear(2026, year2026, { today: DEMO_TODAY });
}

function shift(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
