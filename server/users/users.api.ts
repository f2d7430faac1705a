// GET /api/v1/users and /api/v1/users/:id: the accounts, for the board only (as the /users pages). Read only:
// accounts are created, disabled and reset on the pages, where the admin sees what they do.
import { Router } from 'express';
import { z } from 'zod';
import { describeApi } from '../api/openapi.js';
import { idParam, optionalText } from '../http/fields.js';
import { requireRole } from '../http/guards.js';
import { apiPage, pageJson, pageOfList } from '../http/pagination.js';
import { parse } from '../http/validate.js';
import { unitByCode } from '../units/units.service.js';
import { ROLES } from './user.model.js';
import { getUser, listUsers, type UserRow } from './users.service.js';

const PER_PAGE = 50;
const TAG = 'Users';

const listQuery = z.object({
  role: z.enum(ROLES).optional(),
  q: optionalText(64).describe('Part of the username or the full name'),
  unitCode: optionalText(20).describe('The unit of the account'),
  page: apiPage(),
});

const userJson = z.object({
  id: z.number().int(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  role: z.enum(ROLES),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  traineeId: z.number().int().nullable(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable().describe('ISO 8601 timestamp'),
  createdAt: z.string(),
});
const forbidden = { description: 'Not the board (admin)' };

describeApi({ method: 'get', path: '/users', tag: TAG, summary: `The accounts (admin only), by role and username, ${PER_PAGE} a page`, query: listQuery, responses: { 200: { description: 'Accounts', schema: z.object({ users: z.array(userJson), ...pageJson }) }, 403: forbidden } });
describeApi({ method: 'get', path: '/users/:id', tag: TAG, summary: 'One account (admin only)', responses: { 200: { description: 'The account', schema: z.object({ user: userJson }) }, 403: forbidden } });

const toJson = (u: UserRow): z.output<typeof userJson> => ({
  id: u.id,
  username: u.username,
  fullName: u.fullName,
  email: u.email,
  role: u.role,
  unitId: u.unitId,
  unitName: u.unitName,
  traineeId: u.traineeId,
  disabled: u.disabled,
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
  createdAt: u.createdAt.toISOString(),
});

export function usersApi(): Router {
  const router = Router();
  router.use('/users', requireRole('admin'));

  router.get('/users', async (req, res) => {
    const { page, unitCode, ...filter } = parse(listQuery, req.query, req);
    const unitId = unitCode ? (await unitByCode(unitCode)).id : undefined;
    const { rows, page: pager } = pageOfList(await listUsers({ ...filter, unitId }), page, PER_PAGE);
    res.json({ users: rows.map(toJson), ...pager });
  });

  router.get('/users/:id', async (req, res) => {
    res.json({ user: toJson(await getUser(parse(idParam, req.params.id, req))) });
  });

  return router;
}
