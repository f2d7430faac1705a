// The list of message catalogs, one per domain. Keys are addressed as "<namespace>.<key>".
import { messages as common } from './common.messages.js';
import { messages as auth } from '../auth/messages.js';
import { messages as users } from '../users/messages.js';
import { messages as api } from '../api/messages.js';
import { messages as programs } from '../programs/messages.js';
import { messages as imports } from '../imports/messages.js';
import type { Messages } from './define.js';

export const catalogs: Record<string, Messages> = {
  common,
  auth,
  users,
  api,
  programs,
  imports,
};
