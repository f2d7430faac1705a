// Who receives an event's e-mail, and what it says: the recipient's name, what happened and a link, nothing else
// (no citizen ID, birth date or any other personal data; the unit's name is an organisation's).
import { Op, type WhereOptions } from 'sequelize';
import { CorrectionRequest, IssuedReport, Plan, Unit, Urging, UrgingRecipient, User } from '../db/models.js';
import { isLocale, t, type Locale } from '../i18n/index.js';
import type { MailEvent } from './events.js';

export interface Letter {
  to: string;
  subject: string;
  text: string;
}

const reachable = { disabledAt: { [Op.is]: null }, email: { [Op.ne]: null } };

async function recipients(where: WhereOptions<User>): Promise<User[]> {
  const users = await User.findAll({ where: { ...reachable, ...where } as WhereOptions<User>, order: [['id', 'ASC']] });
  return users.filter((u) => (u.email ?? '').trim() !== '');
}

function letter(user: User, key: string, params: Record<string, string | number>, link: string): Letter {
  const locale: Locale = isLocale(user.locale) ? user.locale : 'vi';
  const subject = t(locale, `notifications.${key}.subject`, params);
  const lines = [t(locale, 'notifications.greeting', { name: user.fullName }), '', t(locale, `notifications.${key}.body`, params), '', link, '', t(locale, 'notifications.footer')];
  return { to: user.email!.trim(), subject, text: lines.join('\n') };
}

async function planFacts(planId: number) {
  const plan = await Plan.findByPk(planId);
  const unit = plan ? await Unit.findByPk(plan.unitId) : null;
  return plan && unit ? { plan, unit: unit.name } : null;
}

/** The letters of one event, for the users concerned who have an address and an active account. */
export async function lettersFor(event: MailEvent, publicUrl: string): Promise<Letter[]> {
  if (event.kind === 'planSubmitted' || event.kind === 'planApproved' || event.kind === 'planReturned') {
    const facts = await planFacts(event.planId);
    if (!facts) return [];
    const params = { unit: facts.unit, year: facts.plan.year };
    const link = `${publicUrl}/plans/${facts.plan.id}`;
    const to = event.kind === 'planSubmitted' ? await recipients({ role: 'admin' }) : await recipients({ role: 'center', unitId: facts.plan.unitId });
    return to.map((u) => letter(u, event.kind, params, link));
  }
  if (event.kind === 'urgingIssued') {
    const urging = await Urging.findByPk(event.urgingId);
    const report = urging ? await IssuedReport.findByPk(urging.issuedReportId, { attributes: ['id', 'symbol'] }) : null;
    if (!urging || !report) return [];
    const unitIds = (await UrgingRecipient.findAll({ where: { urgingId: urging.id }, attributes: ['unitId'] })).map((r) => r.unitId);
    const to = await recipients({ role: 'center', unitId: unitIds });
    return to.map((u) => letter(u, event.kind, { symbol: report.symbol, year: urging.year }, `${publicUrl}/urgings/${urging.id}`));
  }
  const request = await CorrectionRequest.findByPk(event.requestId);
  if (!request) return [];
  const to = await recipients({ role: 'trainee', traineeId: request.traineeId });
  return to.map((u) => letter(u, event.kind, { id: request.id }, `${publicUrl}/me#requests`));
}
