// The demo accounts seeded into an empty database outside production, as printed at start-up and in the README.
// The staff of the ten former centers work, since 1/7/2025, for the committee that succeeded their center.
import { DEMO_USERNAMES } from '../seeders/support/demo-data.js';
import { DEMO_PASSWORD } from '../seeders/support/demo-password.js';
import { AGENCIES_COMMITTEE, CENTER_SUCCESSORS } from '../seeders/support/units-2025.js';

function workplace(code: string): string {
  const successor = CENTER_SUCCESSORS[code]?.successors[0];
  if (successor) return `cán bộ ${successor.name} (trước 1/7/2025: trung tâm ${code})`;
  if (AGENCIES_COMMITTEE.merged.includes(code)) return `cán bộ ${AGENCIES_COMMITTEE.name} (trước 1/3/2025: ${code})`;
  return `cán bộ đơn vị ${code}`;
}

const extraStaff = Object.values(CENTER_SUCCESSORS)
  .flatMap((c) => c.successors)
  .filter((s) => s.username)
  .map((s): [string, string] => [s.username!, `cán bộ ${s.name}`]);

export const DEMO_ACCOUNTS = {
  password: DEMO_PASSWORD,
  accounts: [
    ['admin', 'Ban Tuyên giáo và Dân vận Tỉnh ủy — quản trị, toàn tỉnh'],
    ...Object.entries(DEMO_USERNAMES).map(([code, username]): [string, string] => [username, workplace(code)]),
    ...extraStaff,
    ['hocvien1…4', 'học viên (hai người ở Văn Lâm, một ở Văn Giang, một ở Khoái Châu)'],
  ] as Array<[string, string]>,
};
