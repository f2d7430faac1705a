import { expect } from 'chai';
import supertest from 'supertest';
import type { Server } from 'node:http';
import type { App } from '../../server/app.js';

export type Agent = ReturnType<typeof supertest.agent>;

export const TEST_PASSWORD = 'Mat-khau-thu-nghiem-1';

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token in the page');
  return match[1]!;
}

/** GETs a page (default: /login or /) and returns the CSRF token of its forms. */
export async function csrfToken(agent: Agent, path = '/login'): Promise<string> {
  const res = await agent.get(path).redirects(3);
  return csrfFrom(res.text);
}

/** Signs in through the real login form and returns an agent holding the session cookie. */
export async function signIn(app: App | Server, username: string, password = TEST_PASSWORD): Promise<Agent> {
  const agent = supertest.agent(app);
  const token = await csrfToken(agent, '/login');
  const res = await agent.post('/login').type('form').send({ username, password, _csrf: token });
  expect(res.status, `sign-in as ${username}`).to.equal(303);
  return agent;
}

/** POSTs a form with the CSRF token of the given page. */
export async function postForm(agent: Agent, path: string, body: Record<string, unknown>, tokenFrom = '/') {
  const token = await csrfToken(agent, tokenFrom);
  return agent.post(path).type('form').send({ ...body, _csrf: token });
}
