// "Ban hành báo cáo": the issue page of the province report (/issued-reports/new, the board) and of a unit's
// report (/issued-reports/new/:code, the unit's own staff). One form, three buttons: save the draft, preview
// it (a PDF stamped DỰ THẢO, in a new tab), or issue it (then the register entry).
import { Router, type Request } from 'express';
import { NARRATIVE_PARTS, sendPdf, type ReportNarrative } from '../documents/index.js';
import { flash } from '../http/flash.js';
import { withForm } from '../http/forms.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { formatDateTime, todayInVietnam } from '../lib/format.js';
import { codeParam, reportYears, PERIODS, REPORT_VIEWS } from '../reports/index.js';
import { unitAsOf } from '../units/index.js';
import { loadDraft, saveDraft } from './drafts.service.js';
import { issueTarget, symbolOf, type IssueTarget } from './issue-paper.js';
import { issueReport, previewReport, proposedNumber } from './issue.service.js';
import { replaceable } from './issued-reports.queries.js';
import { issueForm, issuePageQuery } from './issued-reports.schema.js';

const codeOf = (req: Request) => (req.params.code === undefined ? null : parse(codeParam, req.params.code, req).toUpperCase());
const pagePath = (target: IssueTarget) => (target.unitCode ? `/issued-reports/new/${encodeURIComponent(target.unitCode)}` : '/issued-reports/new');

interface PageSelection {
  year: number;
  period: (typeof PERIODS)[number];
  asOf?: string;
  view: (typeof REPORT_VIEWS)[number];
  replacesId?: number;
}

function selectionSearch(s: PageSelection): string {
  const q = new URLSearchParams({ year: String(s.year), period: s.period });
  if (s.asOf) q.set('asOf', s.asOf);
  if (s.view !== 'as-was') q.set('view', s.view);
  if (s.replacesId) q.set('replacesId', String(s.replacesId));
  return q.toString();
}

/** The page as drawn, and redrawn with its errors: the selection from the query (GET) or the form (POST). */
async function issueContext(req: Request) {
  const actor = actorOf(req);
  const locale = req.locale;
  const target = await issueTarget(actor, codeOf(req));
  const asked = issuePageQuery.safeParse(req.method === 'GET' ? req.query : req.body);
  const query = asked.success ? asked.data : issuePageQuery.parse({});
  const { years, defaultYear } = await reportYears(actor);
  const selection: PageSelection = { year: query.year ?? defaultYear, period: query.period, asOf: query.asOf, view: query.view, replacesId: query.replacesId };
  const date = query.date ?? todayInVietnam();
  const province = target.kind === 'province-progress';
  const [proposal, issuer, draft, earlier] = await Promise.all([
    proposedNumber(target, date),
    unitAsOf(target.unitId, date),
    province ? loadDraft(target, selection.year, selection.period) : Promise.resolve(null),
    replaceable(actor, target.kind, target.unitId),
  ]);
  const back = target.unitCode ? `/reports/units/${encodeURIComponent(target.unitCode)}` : '/reports';
  const { replacesId: _r, ...reportSelection } = selection;
  return {
    title: t(locale, 'issuedReports.issue.title'),
    heading: province ? t(locale, 'issuedReports.issue.provinceHeading') : t(locale, 'issuedReports.issue.unitHeading', { unit: actor.unitName ?? target.unitCode }),
    action: pagePath(target),
    province,
    selection,
    selectionText: t(locale, 'issuedReports.issue.selection', { period: t(locale, `reports.periods.${selection.period}`), year: selection.year }),
    years: [...new Set([...years, selection.year])].sort((a, b) => b - a).map((value) => ({ value, selected: value === selection.year })),
    periods: PERIODS.map((value) => ({ value, label: t(locale, `reports.periods.${value}`), selected: value === selection.period })),
    views: REPORT_VIEWS.map((value) => ({ value, label: t(locale, `reports.views.${value}`), selected: value === selection.view })),
    proposal,
    numberHelp: t(locale, 'issuedReports.issue.numberHelp', { year: date.slice(0, 4), symbol: symbolOf(proposal, target.docType, issuer.symbol) }),
    date,
    parts: NARRATIVE_PARTS.map((name) => ({ name, label: t(locale, `issuedReports.issue.parts.${name}`), text: draft?.narrative[name] ?? '' })),
    draftSavedAt: draft?.updatedAt ? formatDateTime(draft.updatedAt) : null,
    earlier: earlier.map((r) => ({ ...r, selected: r.id === selection.replacesId })),
    backUrl: `${back}?${selectionSearch(reportSelection)}`,
  };
}

export function issueRoutes(): Router {
  const router = Router();
  const staff = requireRole('admin', 'center');

  for (const path of ['/issued-reports/new', '/issued-reports/new/:code']) {
    router.get(path, staff, withForm('issued-reports/new', issueContext), async (req, res) => {
      parse(issuePageQuery, req.query, req);
      res.render('issued-reports/new', await issueContext(req));
    });

    router.post(path, staff, withForm('issued-reports/new', issueContext), async (req, res) => {
      const actor = actorOf(req);
      const form = parse(issueForm, req.body, req);
      const target = await issueTarget(actor, codeOf(req));
      const year = form.year ?? (await reportYears(actor)).defaultYear;
      const narrative: ReportNarrative = Object.fromEntries(NARRATIVE_PARTS.map((p) => [p, form[p] ?? null]));
      if (target.kind === 'province-progress') await saveDraft(actor, target, year, form.period, narrative);
      const input = { year, period: form.period, asOf: form.asOf, view: form.view, number: form.number, date: form.date, replacesId: form.replacesId, narrative };
      if (form.intent === 'save') {
        flash(req, 'success', t(req.locale, 'issuedReports.issue.saved'));
        return res.redirect(303, `${pagePath(target)}?${selectionSearch({ ...input, replacesId: form.replacesId })}`);
      }
      if (form.intent === 'preview') {
        const { pdf, number } = await previewReport(actor, target, input);
        return sendPdf(res, pdf, `du-thao-bao-cao-so-${number}-${target.unitCode ?? 'toan-tinh'}-${year}-${form.period}.pdf`);
      }
      const issued = await issueReport(actor, target, input);
      flash(req, 'success', t(req.locale, 'issuedReports.issue.issued', { symbol: issued.symbol }));
      res.redirect(303, `/issued-reports/${issued.id}`);
    });
  }

  return router;
}
