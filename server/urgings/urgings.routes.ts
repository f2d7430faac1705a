// Urgings (đôn đốc, issue #13 item 1): the board's form, list and page; the unit's list and its "Đã nhận".
import { Router, type Request } from 'express';
import { sendPdf } from '../documents/index.js';
import { flash } from '../http/flash.js';
import { idParam } from '../http/fields.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { formatDate, formatDateTime, formatNumber, formatPercent, todayInVietnam } from '../lib/format.js';
import { reportYears } from '../reports/index.js';
import { candidates, defaultSubject, issueUrging, previewUrging, proposedUrgingNumber } from './issue-urging.service.js';
import { acknowledge, getUrging, listUrgings, unitUrgings, urgingPdf } from './urgings.service.js';
import { acknowledgeForm, urgingForm, urgingPageQuery } from './urgings.schema.js';
import { lagPoints } from './urging.pdf.js';

const pct = (v: number | null | undefined) => formatPercent(v ?? null, 'vi');

async function formContext(req: Request) {
  const actor = actorOf(req);
  const source = req.method === 'GET' ? req.query : req.body;
  const asked = urgingPageQuery.safeParse(source);
  const query = asked.success ? asked.data : urgingPageQuery.parse({});
  const year = query.year ?? (await reportYears(actor)).defaultYear;
  const date = query.date ?? todayInVietnam();
  const { asOf, units } = await candidates(actor, year, query.asOf);
  const posted = req.method === 'POST' ? ([] as string[]).concat((req.body as { units?: string | string[] }).units ?? []) : null;
  const proposal = await proposedUrgingNumber(query.docType, date);
  return {
    title: t(req.locale, 'urgings.form.title'),
    year,
    asOf,
    asOfText: formatDate(asOf),
    date,
    docType: query.docType,
    docTypes: (['TB', 'CV'] as const).map((value) => ({ value, label: t(req.locale, `urgings.form.${value}`), selected: value === query.docType })),
    subject: defaultSubject(year),
    proposal,
    numberHelp: t(req.locale, 'urgings.form.numberHelp', { year: date.slice(0, 4), symbol: `${proposal}-${query.docType}/BTGTU` }),
    units: units.map((u) => ({
      ...u,
      checked: posted ? posted.includes(u.unitCode) : u.lagging,
      planned: u.plannedTrainees === null ? null : formatNumber(u.plannedTrainees, 'vi'),
      fulfillmentText: pct(u.fulfillment),
      paceText: pct(u.pace),
    })),
  };
}

const figures = (r: { plannedTrainees: number | null; enrolled: number; fulfillment: number | null; pace: number | null }) => ({
  planned: r.plannedTrainees === null ? '' : formatNumber(r.plannedTrainees, 'vi'),
  enrolled: formatNumber(r.enrolled, 'vi'),
  fulfillment: pct(r.fulfillment),
  pace: pct(r.pace),
  lag: lagPoints(r) === null ? '' : formatNumber(lagPoints(r), 'vi', 1),
});

export function urgingRoutes(): Router {
  const router = Router();
  const board = requireRole('admin');
  const staff = requireRole('admin', 'center');

  router.get('/urgings', staff, async (req, res) => {
    const actor = actorOf(req);
    if (actor.role === 'admin') {
      const rows = await listUrgings(actor);
      return res.render('urgings/index', {
        title: t(req.locale, 'urgings.list.title'),
        board: true,
        rows: rows.map((r) => ({ ...r, acknowledgedText: t(req.locale, 'urgings.list.acknowledged', { done: r.acknowledged, total: r.recipients }) })),
      });
    }
    res.render('urgings/index', { title: t(req.locale, 'urgings.list.title'), board: false, rows: await unitUrgings(actor) });
  });

  router.get('/urgings/new', board, withForm('urgings/new', formContext), async (req, res) => {
    parse(urgingPageQuery, req.query, req);
    res.render('urgings/new', await formContext(req));
  });

  router.post('/urgings/new', board, withForm('urgings/new', formContext), async (req, res) => {
    const form = parse(urgingForm, req.body, req);
    const input = { ...form, unitCodes: form.units };
    if (form.intent === 'preview') {
      const { pdf, number } = await previewUrging(actorOf(req), input);
      return sendPdf(res, pdf, `du-thao-don-doc-so-${number}-${form.docType}.pdf`);
    }
    const issued = await issueUrging(actorOf(req), input);
    flash(req, 'success', t(req.locale, 'urgings.form.issued', { symbol: issued.symbol }));
    res.redirect(303, `/urgings/${issued.id}`);
  });

  router.get('/urgings/:id.pdf', staff, async (req, res) => {
    const id = parse(idParam, req.params.id, req);
    const { pdf, symbol } = await urgingPdf(actorOf(req), id);
    sendPdf(res, pdf, `${symbol}.pdf`);
  });

  router.get('/urgings/:id', staff, async (req, res) => {
    const actor = actorOf(req);
    const urging = await getUrging(actor, parse(idParam, req.params.id, req));
    const units = urging.units.map((u) => ({
      ...u,
      atIssue: figures(u),
      acknowledgedText: u.acknowledgedAt ? t(req.locale, 'urgings.show.acknowledgedBy', { at: formatDateTime(u.acknowledgedAt), name: u.acknowledgedByName ?? '' }) : null,
      nowText: u.now ? `${pct(u.now.fulfillment)} / ${pct(u.now.pace)}` : '',
      nowStatus: !u.now || u.now.pace === null ? t(req.locale, 'urgings.show.noPlan') : u.now.lagging ? t(req.locale, 'urgings.show.lagging') : t(req.locale, 'urgings.show.caughtUp'),
      nowLagging: u.now?.lagging ?? false,
    }));
    res.render('urgings/show', { title: urging.symbol, urging, units, board: actor.role === 'admin', mine: actor.role === 'center' ? units[0] : null });
  });

  router.post('/urgings/:id/acknowledge', requireRole('center'), async (req, res) => {
    const actor = actorOf(req);
    const id = parse(idParam, req.params.id, req);
    const { note } = parse(acknowledgeForm, req.body, req);
    await acknowledge(actor, id, note);
    const urging = await getUrging(actor, id);
    flash(req, 'success', t(req.locale, 'urgings.home.acknowledged', { symbol: urging.symbol }));
    res.redirect(303, '/');
  });

  return router;
}
