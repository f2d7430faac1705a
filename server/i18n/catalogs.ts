// The list of message catalogs, one per domain. Keys are addressed as "<namespace>.<key>".
import { messages as common } from './common.messages.js';
import { messages as auth } from '../auth/messages.js';
import { messages as users } from '../users/messages.js';
import { messages as api } from '../api/messages.js';
import { messages as programs } from '../programs/messages.js';
import { messages as documents } from '../documents/messages.js';
import { messages as plans } from '../plans/messages.js';
import { messages as units } from '../units/messages.js';
import { messages as certificates } from '../certificates/messages.js';
import { messages as audit } from '../audit/messages.js';
import { messages as accounts } from '../accounts/messages.js';
import { messages as portal } from '../portal/messages.js';
import { messages as verify } from '../verify/messages.js';
import { messages as courses } from '../courses/messages.js';
import { messages as trainees } from '../trainees/messages.js';
import { messages as enrollments } from '../enrollments/messages.js';
import { messages as reports } from '../reports/messages.js';
import { messages as breakdowns } from '../reports/breakdowns.messages.js';
import { messages as imports } from '../imports/messages.js';
import { messages as exports } from '../exports/messages.js';
import { messages as issuedReports } from '../issued-reports/messages.js';
import { messages as yearClosing } from '../year-closing/messages.js';
import { messages as urgings } from '../urgings/messages.js';
import { messages as surveys } from '../surveys/messages.js';
import { messages as todo } from '../todo/messages.js';
import { messages as notifications } from '../notifications/messages.js';
import type { Messages } from './define.js';

export const catalogs: Record<string, Messages> = {
  common,
  auth,
  users,
  api,
  programs,
  documents,
  plans,
  units,
  certificates,
  audit,
  accounts,
  portal,
  verify,
  courses, trainees, enrollments,
  reports,
  breakdowns,
  imports,
  exports,
  issuedReports,
  yearClosing,
  urgings,
  surveys,
  todo,
  notifications,
};
