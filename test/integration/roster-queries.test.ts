import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { Enrollment, type Course } from '../../server/db/models.js';
import { apiClient, staffAgent, staffToken } from '../helpers/courses.js';
import { makeApp } from '../helpers/app.js';
import { makeCertificate } from '../helpers/certificates.js';
import { makeCourse, makeEnrollment, makeTrainee } from '../helpers/factories.js';
import type { Agent } from '../helpers/http.js';
import { queriesDuring } from '../helpers/query-count.js';

// The roster page and the API roster read a constant number of statements, however many people are enrolled.
describe('a course roster costs the same few queries for 3 people or 33', () => {
  let app: App;
  let agent: Agent;
  let token: string;
  let course: Course;
  let certified: Enrollment;
  let revoked: Enrollment;
  let withdrawn: Enrollment;

  before(async () => {
    app = makeApp();
    agent = await staffAgent(app, 'TTCTVL');
    token = await staffToken('TTCTVL');
    course = await makeCourse({ unitCode: 'TTCTVL', startDate: '2182-03-02', endDate: '2182-03-06', status: 'finished', capacity: 200 });
    certified = await makeEnrollment(course, await makeTrainee({ fullName: 'Trần Thị Ánh' }), { status: 'completed', score: 8.5, grade: 'good', attendance: 1 });
    revoked = await makeEnrollment(course, await makeTrainee({ fullName: 'Lê Văn Bình' }), { status: 'completed', score: 7, grade: 'fair', attendance: 1 });
    withdrawn = await makeEnrollment(course, await makeTrainee({ fullName: 'Phạm Văn Cường' }), { status: 'withdrawn' });
    await Enrollment.update({ withdrawReason: 'Chuyển công tác', withdrawnAt: new Date('2182-03-03T02:00:00Z') }, { where: { id: withdrawn.id } });
    await makeCertificate(certified);
    await makeCertificate(revoked, { status: 'revoked', revokedAt: new Date('2182-03-10T02:00:00Z') });
    // Consume the welcome message (a session write of its own) and the token's first use (it notes lastUsedAt).
    await agent.get('/courses');
    await apiClient(app, token).get('/me');
  });

  const pageQueries = async () => {
    const { result, sql } = await queriesDuring(() => agent.get(`/courses/${course.id}`));
    expect(result.status).to.equal(200);
    return { sql, text: result.text };
  };
  const apiQueries = async () => {
    const { result, sql } = await queriesDuring(() => apiClient(app, token).get(`/courses/${course.id}/enrollments`));
    expect(result.status).to.equal(200);
    return { sql, body: result.body as { course: { counts: Record<string, number> }; enrollments: Array<{ id: number; fullName: string; certified: boolean; withdrawnAt: string | null; score: number | null }> } };
  };

  it('when 30 more people are enrolled, then the page and the API run exactly as many statements as before, and the figures follow', async () => {
    const small = await pageQueries();
    const smallApi = await apiQueries();
    expect(smallApi.body.course.counts).to.deep.equal({ enrolled: 3, active: 2, withdrawn: 1, completed: 2, failed: 0, pending: 0 });

    for (let i = 0; i < 30; i++) await makeEnrollment(course, await makeTrainee({ fullName: `Vũ Số${String(i).padStart(2, '0')} Đức` }));

    const large = await pageQueries();
    const largeApi = await apiQueries();
    // session, user, the unit's inherited units, course, closed year, roster (with certificates), history, and
    // the menu's to-do count (one statement of COUNTs, server/todo)
    expect(large.sql).to.have.length(8);
    expect(large.sql).to.have.length(small.sql.length);
    // token, inherited units, course, closed year, roster (with certificates)
    expect(largeApi.sql).to.have.length(5);
    expect(largeApi.sql).to.have.length(smallApi.sql.length);
    // The certificate flags come with the roster (the other statement naming certificates is the to-do count):
    // as many such statements for 33 people as for 3.
    const naming = (sql: string[]) => sql.filter((s) => /certificates/i.test(s)).length;
    expect(naming(large.sql)).to.equal(2);
    expect(naming(large.sql)).to.equal(naming(small.sql));
    expect(largeApi.body.course.counts).to.deep.equal({ enrolled: 33, active: 32, withdrawn: 1, completed: 2, failed: 0, pending: 30 });
    expect(largeApi.body.enrollments).to.have.length(33);
    expect(large.text).to.contain('Vũ Số29 Đức');
  });

  it('when one certificate is valid and another revoked, then only the first row is frozen, and the withdrawal keeps its time', async () => {
    const { body } = await apiQueries();
    const byId = new Map(body.enrollments.map((e) => [e.id, e]));
    expect(byId.get(certified.id)).to.include({ fullName: 'Trần Thị Ánh', certified: true, score: 8.5 });
    expect(byId.get(revoked.id)).to.include({ fullName: 'Lê Văn Bình', certified: false, score: 7 });
    expect(byId.get(withdrawn.id)).to.include({ certified: false, withdrawnAt: '2182-03-03T02:00:00.000Z' });
    // By given name, the Vietnamese way: Ánh, Bình, Cường, then the Đức.
    expect(body.enrollments.slice(0, 3).map((e) => e.fullName)).to.deep.equal(['Trần Thị Ánh', 'Lê Văn Bình', 'Phạm Văn Cường']);
  });
});
