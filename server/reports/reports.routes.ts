// The dashboards: the province (board), a unit, a program in a unit; each course links to its roster.
// A center opening /reports lands on its own unit's page.
import { Router, type Request } from 'express';
import { Unit } from '../db/models.js';
import { actorOf, requireRole } from '../http/guards.js';
import { parse } from '../http/validate.js';
import { t } from '../i18n/index.js';
import { formatDate, formatNumber } from '../lib/format.js';
import { laggingThreshold } from '../settings/settings.service.js';
import { programProgress, reportYears, unitProgress } from './reports.drilldown.js';
import { codeParam, reportPageQuery } from './reports.schema.js';
import { carrierCode } from './report-scope.js';
import { breakdownReport } from './breakdowns.js';
import { breakdownsView } from './breakdowns.view.js';
import { progressDetail } from './reports.service.js';
import {
  categoriesView,
  chartJson,
  figuresView,
  filterView,
  laggingNone,
  programRowsView,
  quarterRowsView,
  selectionQuery,
  unitChange,
  unitRowsView,
  unplannedView,
  windowText,
} from './reports.view.js';
import { viewLine } from './unit-labels.js';

async function selection(req: Request) {
  const actor = actorOf(req);
  const query = parse(reportPageQuery, req.query, req);
  const { years, defaultYear } = await reportYears(actor);
  const year = query.year ?? defaultYear;
  return { actor, query, years, year, selection: { year, period: query.period, asOf: query.asOf, view: query.view } };
}

/** Rolled up, a unit that rolls into another has no page of its own: the reader goes to its successor's. */
async function successorPage(req: Request, code: string, rest = ''): Promise<string | null> {
  const { view } = parse(reportPageQuery, req.query, req);
  if (view !== 'rolled-up') return null;
  const carrier = await carrierCode(actorOf(req), code);
  if (!carrier) return null;
  const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
  return `/reports/units/${encodeURIComponent(carrier)}${rest}${search}`;
}

export function reportRoutes(): Router {
  const router = Router();
  router.use('/reports', requireRole('admin', 'center'));

  router.get('/reports', async (req, res) => {
    const actor = actorOf(req);
    if (actor.role === 'center') {
      parse(reportPageQuery, req.query, req);
      const own = actor.unitId === null ? null : await Unit.findByPk(actor.unitId);
      const search = new URLSearchParams(req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '');
      // A unit that took over others' records sees its own row with theirs in it, unless it asks otherwise.
      if ((actor.inheritedUnitIds ?? []).length > 0 && !search.has('view')) search.set('view', 'rolled-up');
      const qs = search.toString();
      if (own) return res.redirect(303, `/reports/units/${encodeURIComponent(own.code)}${qs ? `?${qs}` : ''}`);
    }
    const { query, years, year, selection: selected } = await selection(req);
    const input = { year, asOf: query.asOf, period: query.period, view: query.view };
    const [detail, breakdowns] = await Promise.all([progressDetail(actor, input), breakdownReport(actor, input)]);
    const locale = req.locale;
    const categories = categoriesView(detail.report.categories, detail, locale);
    const programs = categories.flatMap((c) => c.programs);
    const units = unitRowsView(detail, locale);
    const threshold = formatNumber((await laggingThreshold()) * 100, locale, 0);
    const report = detail.report;
    res.render('reports/index', {
      title: t(locale, 'reports.title'),
      heading: t(locale, 'reports.heading', { year }),
      filter: filterView('/reports', years, selected, locale),
      window: windowText(detail, locale),
      viewLine: viewLine(detail.report, locale),
      report: detail.report,
      totals: figuresView(detail.report.totals, detail.pace.get('total'), locale),
      units,
      lagging: units.filter((u) => u.figures.lagging),
      laggingNone: laggingNone(report, threshold, locale),
      unplanned: unplannedView(report, locale),
      quarters: quarterRowsView(
        [...report.units.map((u) => ({ key: u.unitCode, label: u.unitName, figures: u })), { key: 'total', label: t(locale, 'reports.total'), figures: report.totals }],
        report.asOf,
        locale,
      ),
      threshold,
      asOfText: formatDate(detail.report.asOf),
      categories,
      programChart: chartJson(programs.map((p) => p.programName), programs.map((p) => p.figures), locale),
      categoryChart: chartJson(categories.map((c) => t(locale, `common.categories.${c.category}`)), categories.map((c) => c.figures), locale),
      breakdowns: breakdownsView(breakdowns, locale),
      charts: true,
    });
  });

  router.get('/reports/units/:code', async (req, res) => {
    const code = parse(codeParam, req.params.code, req).toUpperCase();
    const moved = await successorPage(req, code);
    if (moved) return res.redirect(303, moved);
    const { actor, query, years, year, selection: selected } = await selection(req);
    const input = { year, asOf: query.asOf, period: query.period, unitCode: code, view: query.view };
    const [{ detail, unit, courses, cancelled }, breakdowns] = await Promise.all([unitProgress(actor, input), breakdownReport(actor, input)]);
    const locale = req.locale;
    const programs = programRowsView(unit.programs, (p) => `${unit.unitCode}/${p}`, detail, locale);
    res.render('reports/unit', {
      title: unit.unitName,
      heading: t(locale, 'reports.unitHeading', { unit: unit.unitName, year }),
      filter: filterView(`/reports/units/${unit.unitCode}`, years, selected, locale),
      window: windowText(detail, locale),
      viewLine: viewLine(detail.report, locale),
      report: detail.report,
      unit,
      change: unitChange(unit, locale),
      successorQuery: selectionQuery({ ...selected, view: 'rolled-up' }),
      totals: figuresView(unit, detail.pace.get(unit.unitCode), locale),
      programs,
      quarters: quarterRowsView(
        [...unit.programs.map((p) => ({ key: p.programCode, label: p.programName, figures: p })), { key: 'total', label: t(locale, 'reports.total'), figures: unit }],
        detail.report.asOf,
        locale,
      ),
      courses,
      cancelled,
      showProvince: actor.role === 'admin',
      // A unit's report is issued (numbered) by the unit's own staff only.
      issueUrl: actor.role === 'center' && actor.unitId === detail.unitIds.get(unit.unitCode) ? `/issued-reports/new/${encodeURIComponent(unit.unitCode)}` : null,
      programChart: chartJson(programs.map((p) => p.programName), programs.map((p) => p.figures), locale),
      breakdowns: breakdownsView(breakdowns, locale),
      charts: programs.length > 0,
    });
  });

  router.get('/reports/units/:code/programs/:programCode', async (req, res) => {
    const code = parse(codeParam, req.params.code, req).toUpperCase();
    const programCode = parse(codeParam, req.params.programCode, req).toUpperCase();
    const moved = await successorPage(req, code, `/programs/${encodeURIComponent(programCode)}`);
    if (moved) return res.redirect(303, moved);
    const { actor, query, years, year, selection: selected } = await selection(req);
    const { detail, unit, program, courses, cancelled } = await programProgress(actor, {
      year,
      asOf: query.asOf,
      period: query.period,
      unitCode: code,
      programCode,
      view: query.view,
    });
    const locale = req.locale;
    res.render('reports/program', {
      title: `${program.programName} · ${unit.unitName}`,
      heading: program.programName,
      filter: filterView(`/reports/units/${unit.unitCode}/programs/${program.programCode}`, years, selected, locale),
      window: windowText(detail, locale),
      viewLine: viewLine(detail.report, locale),
      change: unitChange(unit, locale),
      report: detail.report,
      unit,
      program,
      totals: figuresView(program, detail.pace.get(`${unit.unitCode}/${program.programCode}`), locale),
      courses,
      cancelled,
      showProvince: actor.role === 'admin',
    });
  });

  return router;
}
