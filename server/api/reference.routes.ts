// GET /api/v1/units and /api/v1/programs: the reference lists every client needs to fill its forms.
import { Router } from 'express';
import { z } from 'zod';
import { listPrograms } from '../programs/programs.service.js';
import { listUnits } from '../units/units.service.js';
import { describeApi } from './openapi.js';

const unitJson = z.object({
  id: z.number(),
  code: z.string(),
  kind: z.enum(['board', 'center', 'committee']),
  name: z.string(),
  shortName: z.string(),
  validFrom: z.string().describe('YYYY-MM-DD'),
  validTo: z.string().nullable().describe('The last day of a unit that has been merged, split or dissolved; null while it exists'),
});
const programJson = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  category: z.enum(['dao-tao', 'boi-duong-llct', 'boi-duong-nv']),
  usualDays: z.number(),
  assessment: z.string(),
  completionRule: z.enum(['score', 'attendance']),
  credential: z.string().nullable(),
  thresholds: z.object({ excellent: z.number(), good: z.number(), fair: z.number(), pass: z.number(), minAttendance: z.number() }),
});

describeApi({ method: 'get', path: '/units', tag: 'Reference', summary: 'All units (the board, centers and committees)', responses: { 200: { description: 'Units', schema: z.object({ units: z.array(unitJson) }) } } });
describeApi({ method: 'get', path: '/programs', tag: 'Reference', summary: 'The training programs and their grading rules', responses: { 200: { description: 'Programs', schema: z.object({ programs: z.array(programJson) }) } } });

export function referenceApi(): Router {
  const router = Router();
  router.get('/units', async (_req, res) => {
    const units = await listUnits();
    res.json({ units: units.map(({ id, code, kind, name, shortName, validFrom, validTo }) => ({ id, code, kind, name, shortName, validFrom, validTo })) });
  });
  router.get('/programs', async (_req, res) => {
    const programs = await listPrograms();
    res.json({
      programs: programs.map((p) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        category: p.category,
        usualDays: p.usualDays,
        assessment: p.assessment,
        completionRule: p.completionRule,
        credential: p.credential,
        thresholds: { excellent: p.gradeExcellent, good: p.gradeGood, fair: p.gradeFair, pass: p.gradePass, minAttendance: p.minAttendance },
      })),
    });
  });
  return router;
}
