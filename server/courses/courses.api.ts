// GET|POST /api/v1/courses, GET|PATCH /api/v1/courses/:id — the same services and scope as the pages.
import { Router } from 'express';
import { z } from 'zod';
import { describeApi } from '../api/openapi.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/fields.js';
import { actorOf, requireRole } from '../http/guards.js';
import { renameFields } from '../http/rename-fields.js';
import { parse } from '../http/validate.js';
import { programByCode } from '../programs/programs.service.js';
import { unitByCode } from '../units/units.service.js';
import { COURSE_STATUSES } from './course.model.js';
import { apiCourseCreate, apiCourseListQuery, apiCoursePatch } from './courses.schema.js';
import { createCourse } from './course-create.js';
import { updateCourse } from './course-edit.js';
import { cancelCourse, finishCourse } from './course-lifecycle.js';
import { listCourses } from './course-list.js';
import { courseJson, getCourse } from './course-view.js';

const countsJson = z.object({
  enrolled: z.number().describe('Every enrollment, any status (lượt)'),
  active: z.number().describe('Not withdrawn: seats taken'),
  withdrawn: z.number(),
  completed: z.number(),
  failed: z.number(),
  pending: z.number().describe('No result yet'),
});
export const courseJsonSchema = z.object({
  id: z.number(),
  unitCode: z.string(),
  unitName: z.string(),
  programCode: z.string(),
  programName: z.string(),
  name: z.string(),
  startDate: z.string().describe('YYYY-MM-DD'),
  endDate: z.string().describe('YYYY-MM-DD'),
  place: z.string().nullable(),
  capacity: z.number(),
  status: z.enum(COURSE_STATUSES),
  cancelReason: z.string().nullable(),
  note: z.string().nullable(),
  lockVersion: z.number(),
  counts: countsJson,
  seatsLeft: z.number(),
});
const pageJson = { page: z.number(), pages: z.number(), total: z.number(), perPage: z.number() };

describeApi({
  method: 'get',
  path: '/courses',
  tag: 'Courses',
  summary: 'Courses of your unit (the board: all units), newest first, 20 a page',
  query: apiCourseListQuery,
  responses: { 200: { description: 'A page of courses', schema: z.object({ courses: z.array(courseJsonSchema), ...pageJson }) } },
});
describeApi({
  method: 'post',
  path: '/courses',
  tag: 'Courses',
  summary: 'Open a course (a center token always opens it in its own unit)',
  body: apiCourseCreate,
  responses: { 201: { description: 'Created', schema: z.object({ course: courseJsonSchema }) } },
});
describeApi({
  method: 'get',
  path: '/courses/:id',
  tag: 'Courses',
  summary: 'One course with its counts',
  responses: { 200: { description: 'The course', schema: z.object({ course: courseJsonSchema }) } },
});
describeApi({
  method: 'patch',
  path: '/courses/:id',
  tag: 'Courses',
  summary: 'Edit a course, or cancel it ({cancel: {reason}}) or finish it ({finish: true}); needs the lockVersion you read',
  body: apiCoursePatch,
  responses: {
    200: { description: 'Saved', schema: z.object({ course: courseJsonSchema }) },
    409: { description: 'Stale lockVersion (error.current holds the course as it is now), or not allowed in the course’s state' },
  },
});

const fieldNames = { programId: 'programCode', unitId: 'unitCode' };

export function coursesApi(): Router {
  const router = Router();
  const staff = requireRole('admin', 'center');

  router.get('/courses', staff, async (req, res) => {
    const q = parse(apiCourseListQuery, req.query, req);
    const { courses, pager } = await listCourses(actorOf(req), { year: q.year, programCode: q.programCode, status: q.status, unitCode: q.unitCode, page: q.page });
    res.json({ courses: courses.map(courseJson), page: pager.page, pages: pager.pages, total: pager.total, perPage: pager.perPage });
  });

  router.post('/courses', staff, async (req, res) => {
    const actor = actorOf(req);
    const { unitCode, programCode, ...input } = parse(apiCourseCreate, req.body, req);
    const program = await programByCode(programCode);
    // A center's unitCode is never looked at: its own unit is used (scope.owningUnit).
    const unitId = actor.role === 'admin' && unitCode ? (await unitByCode(unitCode)).id : undefined;
    const course = await renameFields(fieldNames, () => createCourse(actor, { ...input, unitId, programId: program.id }));
    res.status(201).json({ course: courseJson(course) });
  });

  router.get('/courses/:id', staff, async (req, res) => {
    res.json({ course: courseJson(await getCourse(actorOf(req), parse(idParam, req.params.id, req))) });
  });

  router.patch('/courses/:id', staff, async (req, res) => {
    const actor = actorOf(req);
    const id = parse(idParam, req.params.id, req);
    const { lockVersion, cancel, finish, programCode, ...changes } = parse(apiCoursePatch, req.body, req);
    const edits = Object.values(changes).some((v) => v !== undefined) || programCode !== undefined;
    if ((cancel || finish) && (edits || (cancel && finish))) {
      throw new AppError('invalid', 'common.errors.invalid', { fields: { [cancel ? 'cancel' : 'finish']: 'courses.errors.actionAlone' } });
    }
    let course;
    if (cancel) course = await cancelCourse(actor, id, lockVersion, cancel.reason);
    else if (finish) course = await finishCourse(actor, id, lockVersion);
    else {
      const programId = programCode ? (await programByCode(programCode)).id : undefined;
      course = await renameFields(fieldNames, () => updateCourse(actor, id, lockVersion, { ...changes, programId }));
    }
    res.json({ course: courseJson(course) });
  });

  return router;
}
