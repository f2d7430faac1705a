// GET|POST /api/v1/courses/:id/enrollments, GET|PATCH /api/v1/enrollments/:id.
import { Router } from 'express';
import { z } from 'zod';
import { describeApi } from '../api/openapi.js';
import { idParam } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { renameFields } from '../http/rename-fields.js';
import { apiPageQuery, pageJson, pageOfList } from '../http/pagination.js';
import { parse } from '../http/validate.js';
import { courseJson } from '../courses/index.js';
import { ENROLLMENT_STATUSES, GRADES } from './enrollment.model.js';
import { apiEnrollInput, apiEnrollmentPatch } from './enrollments.schema.js';
import { enroll } from './enroll.service.js';
import { updateEnrollment } from './enrollment-change.service.js';
import { enrollmentJson, enrollmentRow, getEnrollment, rosterOf } from './enrollments.queries.js';

/** A roster is read whole (one statement); the largest courses hold a few hundred. */
const ROSTER_PER_PAGE = 200;

export const enrollmentJsonSchema = z.object({
  id: z.number(),
  courseId: z.number(),
  traineeId: z.number(),
  fullName: z.string(),
  dateOfBirth: z.string().nullable().describe('YYYY-MM-DD, or null when only the year is known'),
  birthYear: z.number().nullable(),
  gender: z.enum(['male', 'female']).nullable(),
  nationalId: z.string().nullable(),
  sendingOrg: z.string().nullable(),
  attendance: z.number().nullable().describe('0–1'),
  score: z.number().nullable(),
  grade: z.enum(GRADES).nullable(),
  status: z.enum(ENROLLMENT_STATUSES),
  withdrawReason: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  certified: z.boolean().describe('A valid certificate was issued; the result is frozen'),
  lockVersion: z.number(),
});

describeApi({
  method: 'get',
  path: '/courses/:id/enrollments',
  tag: 'Enrollments',
  summary: `The course’s roster (every enrollment, withdrawals included), by given name, ${ROSTER_PER_PAGE} a page`,
  query: apiPageQuery,
  responses: { 200: { description: 'Roster', schema: z.object({ course: z.object({ id: z.number(), name: z.string() }).passthrough(), enrollments: z.array(enrollmentJsonSchema), ...pageJson }) } },
});
describeApi({
  method: 'post',
  path: '/courses/:id/enrollments',
  tag: 'Enrollments',
  summary: 'Enroll an existing trainee ({traineeId}) or a person ({trainee}); a citizen ID on file is reused, never doubled',
  body: apiEnrollInput,
  responses: {
    201: {
      description: 'Enrolled',
      schema: z.object({
        enrollment: enrollmentJsonSchema,
        trainee: z.object({ id: z.number(), reused: z.boolean().describe('false when this request created the person') }),
        reinstated: z.boolean().describe('The person had withdrawn from this course and is back'),
      }),
    },
    409: { description: 'Already enrolled, the course is full, cancelled or finished, or the citizen ID belongs to someone with another name' },
  },
});
describeApi({
  method: 'get',
  path: '/enrollments/:id',
  tag: 'Enrollments',
  summary: 'One enrollment',
  responses: { 200: { description: 'The enrollment', schema: z.object({ enrollment: enrollmentJsonSchema }) } },
});
describeApi({
  method: 'patch',
  path: '/enrollments/:id',
  tag: 'Enrollments',
  summary: 'Record attendance and score (status and grade follow the program’s rules: a scored program needs the pass mark and its minimum attendance), change the sending organisation, or withdraw',
  body: apiEnrollmentPatch,
  responses: {
    200: { description: 'Saved', schema: z.object({ enrollment: enrollmentJsonSchema }) },
    409: { description: 'Stale lockVersion (error.current holds the enrollment as it is now), or not allowed in its state' },
  },
});

export function enrollmentsApi(): Router {
  const router = Router();
  const staff = requireRole('admin', 'center');

  router.get('/courses/:id/enrollments', staff, async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { page } = parse(apiPageQuery, req.query, req);
    const { course, rows } = await rosterOf(actorOf(req), id);
    const cut = pageOfList(rows, page, ROSTER_PER_PAGE);
    res.json({ course: courseJson(course), enrollments: cut.rows.map(enrollmentJson), ...cut.page });
  });

  router.post('/courses/:id/enrollments', staff, async (req, res) => {
    const actor = actorOf(req);
    const courseId = parse(idParam, req.params.id, req);
    const { traineeId, trainee, sendingOrg, confirmNew } = parse(apiEnrollInput, req.body, req);
    const outcome = await renameFields({ nationalId: 'trainee.nationalId' }, () =>
      enroll(actor, courseId, trainee ? { trainee, sendingOrg, confirmNew } : { traineeId: traineeId!, sendingOrg }),
    );
    // enroll() checked the course's scope under its lock; the answer needs only the row, not the course again.
    const enrollment = (await enrollmentRow(outcome.enrollmentId))!;
    res.status(201).json({ enrollment: enrollmentJson(enrollment), trainee: { id: outcome.traineeId, reused: outcome.reusedTrainee }, reinstated: outcome.reinstated });
  });

  router.get('/enrollments/:id', staff, async (req, res) => {
    res.json({ enrollment: enrollmentJson(await getEnrollment(actorOf(req), parse(idParam, req.params.id, req))) });
  });

  router.patch('/enrollments/:id', staff, async (req, res) => {
    const { lockVersion, ...changes } = parse(apiEnrollmentPatch, req.body, req);
    const enrollment = await updateEnrollment(actorOf(req), parse(idParam, req.params.id, req), lockVersion, changes);
    res.json({ enrollment: enrollmentJson(enrollment) });
  });

  return router;
}
