// The demo accounts seeded into an empty database outside production, as printed at start-up and in the README.
import { DEMO_USERNAMES } from '../seeders/support/demo-data.js';
import { DEMO_PASSWORD } from '../seeders/support/demo-password.js';

export const DEMO_ACCOUNTS = {
  password: DEMO_PASSWORD,
  accounts: [
    ['admin', 'Ban Tuyên giáo Tỉnh ủy — quản trị, toàn tỉnh'],
    ...Object.entries(DEMO_USERNAMES).map(([code, username]) => [username, `cán bộ đơn vị ${code}`]),
    ['hocvien1…4', 'học viên (hai người ở Văn Lâm, một ở Văn Giang, một ở Khoái Châu)'],
  ] as Array<[string, string]>,
};
