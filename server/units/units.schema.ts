import { z } from 'zod';
import { dateField, integer, optionalText, requiredText } from '../http/fields.js';
import { STAFF_ACTIONS, UNIT_EVENT_KINDS, type UnitEventKind } from './unit.model.js';

// Titles and authorities are printed in capitals on Party documents ("KT. GIÁM ĐỐC").
const upper = (s: string | undefined) => s?.toLocaleUpperCase('vi');

export const signerInput = z.object({
  lockVersion: integer(0, 1_000_000_000),
  signerName: optionalText(100),
  signerTitle: requiredText(100).transform((s) => s.toLocaleUpperCase('vi')),
  signerAuthority: optionalText(100).transform(upper),
});

const capitals = (max: number) => optionalText(max).transform(upper);
const ids = z.preprocess(
  (v) => (v === undefined || v === '' ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x !== '')),
  z.array(z.coerce.number().int().positive()).max(20),
);

/** A change recorded by the board: what it is, by which decision, from when, and what it changes. */
export const unitEventInput = z.object({
  kind: z.enum(UNIT_EVENT_KINDS.filter((k) => k !== 'establish') as [Exclude<UnitEventKind, 'establish'>, ...Array<Exclude<UnitEventKind, 'establish'>>]),
  effectiveDate: dateField(),
  decisionNumber: requiredText(50),
  note: optionalText(2000),
  name: optionalText(255),
  shortName: optionalText(100),
  parentBody: capitals(255),
  headerName: capitals(255),
  symbol: capitals(20),
  place: optionalText(100),
  unitKind: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['center', 'committee']).optional()),
  successorIds: ids,
  staffAction: z.preprocess((v) => (v === '' ? undefined : v), z.enum(STAFF_ACTIONS).optional()),
});

export const unitEventCorrection = z.object({
  lockVersion: integer(0, 1_000_000_000),
  effectiveDate: dateField(),
  decisionNumber: requiredText(50),
  note: optionalText(2000),
});

export const withdrawInput = z.object({ lockVersion: integer(0, 1_000_000_000) });

/** A new unit, typically the successor a decision creates. */
export const newUnitInput = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z.string({ message: 'common.validation.required' }).regex(/^[A-Z0-9]{2,20}$/, 'units.errors.codeFormat'),
  ),
  kind: z.enum(['center', 'committee']),
  name: requiredText(255),
  shortName: requiredText(100),
  parentBody: requiredText(255).transform((s) => s.toLocaleUpperCase('vi')),
  headerName: requiredText(255).transform((s) => s.toLocaleUpperCase('vi')),
  symbol: capitals(20),
  place: requiredText(100),
  validFrom: dateField(),
  signerTitle: requiredText(100).transform((s) => s.toLocaleUpperCase('vi')),
});
