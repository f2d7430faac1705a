// Needs survey pages (issue #13 item 4): the list (the board opens one there), the board's side-by-side
// summary with its downloads and "close", and a unit's answer form with its Excel template and upload.
import { Router, type Request } from 'express';
import { sendSpreadsheet, spreadsheetFormat, writeCsv, writeXlsxBook } from '../exports/index.js';
import { AppError } from '../http/errors.js';
import { idParam } from '../http/fields.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { localizeIssues, uploadedName } from '../imports/index.js';
import { formatDate, formatDateTime, formatNumber, todayInVietnam } from '../lib/format.js';
import { listPrograms } from '../programs/programs.service.js';
import { answerTemplate, readAnswerFile } from './answer-file.js';
import { getAnswer, saveAnswer, type AnswerView } from './answers.service.js';
import { cellName, LEARNER_CATEGORIES } from './categories.js';
import { detailExport, summaryExport, surveyTable } from './survey-table.js';
import { answerForm, answerQuery, closeForm, openForm, uploadForm } from './surveys.schema.js';
import { closeSurvey, getSurvey, listSurveys, openSurvey } from './surveys.service.js';

const surveyId = (req: Request) => parse(idParam, req.params.id, req);
const nextYear = () => Number(todayInVietnam().slice(0, 4)) + 1;
const statusText = (req: Request, s: { status: string; answerable: boolean }) =>
  t(req.locale, s.status === 'closed' ? 'surveys.status.closed' : s.answerable ? 'surveys.status.open' : 'surveys.status.pastDeadline');

async function listContext(req: Request) {
  const actor = actorOf(req);
  const surveys = await listSurveys(actor);
  return {
    title: t(req.locale, 'surveys.list.title'),
    board: actor.role === 'admin',
    surveys: surveys.map((s) => ({ ...s, statusText: statusText(req, s) })),
    defaults: { year: nextYear(), deadline: '' },
  };
}

/** The answer form's lines: one per program, a cell per category, the values typed (after an error) or stored. */
async function answerContext(req: Request) {
  const actor = actorOf(req);
  const { unit } = parse(answerQuery, req.query, req);
  const answer: AnswerView = await getAnswer(actor, surveyId(req), unit);
  const body = req.method === 'POST' && !req.file ? (req.body as Record<string, unknown>) : null;
  const programs = await listPrograms({ activeOnly: true });
  const rows = programs.map((p) => ({
    code: p.code,
    name: p.name,
    cells: LEARNER_CATEGORIES.map((c) => {
      const name = cellName(p.code, c.code);
      const stored = answer.cells[name];
      return { name, category: c.code, value: body ? String(body[name] ?? '') : stored === undefined ? '' : String(stored) };
    }),
    total: answer.totals[p.code] ?? 0,
  }));
  return {
    title: t(req.locale, 'surveys.answer.title', { year: answer.survey.year }),
    answer,
    rows,
    categories: LEARNER_CATEGORIES.map((c) => ({ code: c.code })),
    statusText: statusText(req, answer.survey),
    board: actor.role === 'admin',
    note: body ? String(body.note ?? '') : (answer.note ?? ''),
    updatedText: answer.updatedAt ? t(req.locale, 'surveys.answer.updatedAt', { at: formatDateTime(answer.updatedAt) }) : null,
  };
}

export function surveyRoutes(): Router {
  const router = Router();
  router.use('/surveys', requireRole('admin', 'center'));
  const board = requireRole('admin');
  const unitStaff = requireRole('center');

  router.get('/surveys', async (req, res) => {
    res.render('surveys/index', { ...(await listContext(req)), values: {} });
  });

  router.post('/surveys', board, withForm('surveys/index', listContext), async (req, res) => {
    const input = parse(openForm, req.body, req);
    const survey = await openSurvey(actorOf(req), input);
    flash(req, 'success', t(req.locale, 'surveys.list.opened', { year: survey.year, deadline: formatDate(survey.deadline) }));
    res.redirect(303, `/surveys/${survey.id}`);
  });

  router.get('/surveys/:id/answers.:format', board, spreadsheetFormat, async (req, res) => {
    const table = await surveyTable(actorOf(req), surveyId(req));
    const baseName = `nhu-cau-dao-tao-${table.survey.year}`;
    const format = req.params.format as 'xlsx' | 'csv';
    const buffer = format === 'xlsx' ? await writeXlsxBook<unknown>([summaryExport(table), detailExport(table)] as never) : await writeCsv(summaryExport(table));
    sendSpreadsheet(res, { buffer, fileName: `${baseName}.${format}`, format });
  });

  router.get('/surveys/:id/template.xlsx', async (req, res) => {
    const actor = actorOf(req);
    const survey = await getSurvey(actor, surveyId(req));
    const cells = actor.role === 'center' ? (await getAnswer(actor, survey.id)).cells : {};
    sendSpreadsheet(res, { buffer: await answerTemplate(survey.year, cells), fileName: `mau-nhu-cau-dao-tao-${survey.year}.xlsx`, format: 'xlsx' });
  });

  router.get('/surveys/:id', async (req, res) => {
    const actor = actorOf(req);
    if (actor.role !== 'admin') {
      await getSurvey(actor, surveyId(req));
      return res.redirect(303, `/surveys/${surveyId(req)}/answer`);
    }
    const table = await surveyTable(actor, surveyId(req));
    res.render('surveys/show', {
      title: t(req.locale, 'surveys.show.title', { year: table.survey.year }),
      table,
      statusText: statusText(req, table.survey),
      summary: t(req.locale, 'surveys.show.summary', { answered: table.totals.answered, units: table.totals.units, total: formatNumber(table.totals.total, req.locale) }),
      rows: table.units.map((u) => ({ ...u, cells: table.programs.map((p) => ({ code: p.code, people: u.byProgram[p.code] ?? 0 })) })),
      totalCells: table.programs.map((p) => ({ code: p.code, people: table.totals.byProgram[p.code] ?? 0 })),
    });
  });

  router.post('/surveys/:id/close', board, async (req, res) => {
    const { lockVersion } = parse(closeForm, req.body, req);
    const survey = await closeSurvey(actorOf(req), surveyId(req), lockVersion);
    flash(req, 'success', t(req.locale, 'surveys.show.closed', { year: survey.year }));
    res.redirect(303, `/surveys/${survey.id}`);
  });

  router.get('/surveys/:id/answer', async (req, res) => {
    res.render('surveys/answer', { ...(await answerContext(req)), values: {} });
  });

  router.post('/surveys/:id/answer', unitStaff, withForm('surveys/answer', answerContext), async (req, res) => {
    const programs = await listPrograms({ activeOnly: true });
    const input = parse(answerForm(programs.map((p) => p.code)), req.body, req);
    const saved = await saveAnswer(actorOf(req), surveyId(req), input);
    flash(req, 'success', t(req.locale, 'surveys.answer.saved', { year: saved.survey.year }));
    res.redirect(303, `/surveys/${saved.survey.id}/answer`);
  });

  router.post('/surveys/:id/answer/file', unitStaff, withForm('surveys/answer', answerContext), async (req, res) => {
    const actor = actorOf(req);
    const { lockVersion } = parse(uploadForm, req.body, req);
    if (!req.file) throw new AppError('invalid', 'common.errors.invalid', { fields: { file: 'surveys.answer.fileRequired' } });
    const current = await getAnswer(actor, surveyId(req));
    const fileName = uploadedName(req.file.originalname);
    const parsed = await readAnswerFile(req.file.buffer, fileName);
    if (parsed.issues.length) {
      const context = await answerContext(req);
      return res.status(422).render('surveys/answer', {
        ...context,
        values: {},
        fileIssues: localizeIssues(parsed.issues, req.locale),
        formError: t(req.locale, 'surveys.answer.fileRejected', { count: parsed.issues.length }),
      });
    }
    await saveAnswer(actor, current.survey.id, { cells: parsed.cells, note: current.note, lockVersion }, 'file');
    flash(req, 'success', t(req.locale, 'surveys.answer.fileSaved', { file: fileName }));
    res.redirect(303, `/surveys/${current.survey.id}/answer`);
  });

  return router;
}
