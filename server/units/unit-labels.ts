// How pages name a unit. Two rules, kept here so every page follows them:
// - An issuer (a certificate's, a paper's) is its document header: the superior body on one line ("HUYỆN ỦY VĂN
//   LÂM"), the unit's own name under it ("TRUNG TÂM CHÍNH TRỊ") — two lines, never one run-together string.
// - A list or a search result names the unit by its own name ("Trung tâm Chính trị huyện Văn Lâm"), as of the
//   record's date, never by its short name, which is the district's ("Huyện Văn Lâm").
import { todayInVietnam } from '../lib/format.js';
import { unitNamer } from './unit-history.js';

export interface IssuerLines {
  /** The superior body: "HUYỆN ỦY VĂN LÂM". */
  superior: string;
  /** The unit's own name in the header: "TRUNG TÂM CHÍNH TRỊ". */
  name: string;
}

export const issuerLines = (parentBody: string, headerName: string): IssuerLines => ({ superior: parentBody.trim(), name: headerName.trim() });

/** Names units for lists, from two queries made once: the unit's name on the given day (today by default). */
export async function unitLabeller(unitIds: number[]): Promise<(unitId: number, date?: string | null) => string | null> {
  if (unitIds.length === 0) return () => null;
  const unitOn = await unitNamer([...new Set(unitIds)]);
  const today = todayInVietnam();
  return (unitId, date) => unitOn(unitId, date ?? today)?.name ?? null;
}
