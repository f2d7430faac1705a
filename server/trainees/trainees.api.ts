// GET /api/v1/trainees?q= and GET /api/v1/trainees/:id.
import { Router } from 'express';
import { z } from 'zod';
import { describeApi } from '../api/openapi.js';
import { readingAsUnit } from '../auth/scope.js';
import { idParam, optionalText } from '../http/fields.js';
import { unitByCode } from '../units/units.service.js';
import { withInheritedUnits } from '../users/users.service.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { mergedTarget } from './merge-undo.service.js';
import { GENDERS, PARTY_STATUSES } from './trainee.model.js';
import { getTrainee, listTrainees, searchTrainees, traineeJson } from './trainees.service.js';

const listQuery = z.object({
  q: z.string().max(100).optional().describe('A 12-digit citizen ID (exact), or a name — accents and case ignored — optionally with a birth year'),
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('Without q: your unit’s trainees, 30 a page'),
  unitCode: optionalText(20).describe('Without q, the board only: the people that unit works with; a center token always lists its own'),
});

const traineeHitJson = z.object({
  id: z.number(),
  fullName: z.string(),
  birthYear: z.number().nullable(),
  gender: z.enum(GENDERS).nullable(),
  nationalId: z.string().nullable().describe('Masked unless you are the board or your unit has the person'),
  lastUnitCode: z.string().nullable().describe('The unit of the person’s latest course (or the unit that entered them)'),
  inScope: z.boolean().describe('Your unit has the person: GET /trainees/:id answers'),
});

const traineeJsonSchema = z.object({
  id: z.number(),
  fullName: z.string(),
  dateOfBirth: z.string().nullable(),
  birthYear: z.number().nullable(),
  gender: z.enum(GENDERS).nullable(),
  ethnicity: z.string().nullable(),
  religion: z.string().nullable(),
  nationalId: z.string().nullable(),
  hometown: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  educationLevel: z.string().nullable(),
  professionalLevel: z.string().nullable(),
  theoryLevel: z.string().nullable(),
  position: z.string().nullable(),
  workplace: z.string().nullable(),
  partyStatus: z.enum(PARTY_STATUSES).nullable(),
  partyJoinedOn: z.string().nullable(),
  partyOfficialOn: z.string().nullable(),
  lockVersion: z.number(),
  enrollments: z.array(
    z.object({
      id: z.number().nullable().describe('null for another unit’s course'),
      courseId: z.number().nullable(),
      courseName: z.string(),
      unitCode: z.string(),
      startDate: z.string(),
      endDate: z.string(),
      status: z.string(),
      score: z.number().nullable(),
      grade: z.string().nullable(),
    }),
  ),
});

describeApi({
  method: 'get',
  path: '/trainees',
  tag: 'Trainees',
  summary: 'Find a person province-wide (q), to enroll rather than re-enter them; without q, your unit’s trainees',
  query: listQuery,
  responses: {
    200: {
      description: 'Matches (at most 20; `more` says there were more) or a page of your trainees',
      schema: z.object({ trainees: z.array(traineeHitJson), more: z.boolean().optional(), hint: z.string().nullable().optional(), page: z.number().optional() }),
    },
  },
});
describeApi({
  method: 'get',
  path: '/trainees/:id',
  tag: 'Trainees',
  summary: 'A trainee your unit has (created, or enrolled in one of its courses); the board sees everyone',
  responses: {
    200: { description: 'The trainee', schema: z.object({ trainee: traineeJsonSchema }) },
    302: { description: 'The id is a duplicate the board merged into another record: Location names the kept record (302, as a merge can be undone)' },
  },
});

export function traineesApi(): Router {
  const router = Router();
  const staff = requireRole('admin', 'center');

  router.get('/trainees', staff, async (req, res) => {
    const actor = actorOf(req);
    const { q, page, unitCode } = parse(listQuery, req.query, req);
    if (q?.trim()) {
      const result = await searchTrainees(actor, q);
      res.json({
        trainees: result.hits.map((h) => ({
          id: h.id,
          fullName: h.fullName,
          birthYear: h.birthYear,
          gender: h.gender,
          nationalId: h.nationalId,
          lastUnitCode: h.lastUnitCode,
          inScope: h.inScope,
        })),
        more: result.more,
        hint: result.hint,
      });
      return;
    }
    const reader = unitCode ? await withInheritedUnits(readingAsUnit(actor, (await unitByCode(unitCode)).id)) : actor;
    const { trainees, pager } = await listTrainees(reader, page);
    res.json({
      trainees: trainees.map((t) => ({ id: t.id, fullName: t.fullName, birthYear: t.birthYear, gender: t.gender, nationalId: t.nationalId, lastUnitCode: null, inScope: true })),
      page: pager.page,
      pages: pager.pages,
      total: pager.total,
      perPage: pager.perPage,
    });
  });

  router.get('/trainees/:id', staff, async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    // As the page does: a merged duplicate's id leads to the kept record, which then answers within scope.
    const kept = await mergedTarget(id);
    if (kept) return res.redirect(302, `/api/v1/trainees/${kept}`);
    res.json({ trainee: traineeJson(await getTrainee(actorOf(req), id)) });
  });

  return router;
}
