import type { QueryInterface, Transaction } from 'sequelize';
import type { MigrationFn } from 'umzug';
import { hashPassword } from '../server/auth/password.js';
import type { SeedContext } from '../server/db/migrator.js';
import { DEMO_USERNAMES, SIGNERS } from './support/demo-data.js';
import { DEMO_PASSWORD } from './support/demo-password.js';
import { generateDemo, type ProgramRef, type Row, type UnitRef } from './support/demo-generator.js';


const CHUNK = 500;

async function insert(qi: QueryInterface, table: string, rows: Row[], transaction: Transaction): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await qi.bulkInsert(table, rows.slice(i, i + CHUNK), { transaction });
  }
}

export const up: MigrationFn<SeedContext> = async ({ context: { sequelize, queryInterface: qi, options } }) => {
  const log = options.log ?? (() => {});
  await sequelize.transaction(async (transaction) => {
    for (const [code, [name, authority, title]] of Object.entries(SIGNERS)) {
      await sequelize.query(
        'UPDATE units SET signer_name = :name, signer_authority = :authority, signer_title = :title WHERE code = :code',
        { replacements: { name, authority, title, code }, transaction },
      );
    }
    const [unitRows] = (await sequelize.query(
      `SELECT id, code, kind, name, place, symbol, parent_body AS "parentBody", header_name AS "headerName",
              signer_name AS "signerName", signer_title AS "signerTitle", signer_authority AS "signerAuthority"
         FROM units ORDER BY sort_order`,
      { transaction },
    )) as [UnitRef[], unknown];
    const [programRows] = (await sequelize.query(
      `SELECT id, code, completion_rule AS "completionRule", usual_days AS "usualDays", credential,
              min_attendance AS "minAttendance"
         FROM programs ORDER BY sort_order`,
      { transaction },
    )) as [ProgramRef[], unknown];
    const programs = programRows.map((p) => ({ ...p, minAttendance: Number(p.minAttendance) }));

    const data = generateDemo(unitRows, programs);
    log(`demo: ${data.courses.length} courses, ${data.enrollments.length} enrollments, ${data.trainees.length} trainees`);

    await insert(qi, 'plans', data.plans, transaction);
    await insert(qi, 'plan_targets', data.targets, transaction);
    await insert(qi, 'courses', data.courses, transaction);
    await insert(qi, 'trainees', data.trainees, transaction);
    await insert(qi, 'enrollments', data.enrollments, transaction);
    await insert(qi, 'certificates', data.certificates, transaction);
    await insert(qi, 'certificate_counters', data.counters, transaction);

    // All demo accounts share one password, so one scrypt hash serves them all: a first start stays fast.
    const passwordHash = await hashPassword(DEMO_PASSWORD, options.scryptLogN);
    const now = new Date();
    const account = (username: string, fullName: string, role: string, unitId: number | null, traineeId: number | null) => ({
      username, password_hash: passwordHash, full_name: fullName, email: null, role, unit_id: unitId, trainee_id: traineeId,
      locale: null, disabled_at: null, last_login_at: null, password_changed_at: now, created_at: now, updated_at: now,
    });
    const unitByCode = new Map(unitRows.map((u) => [u.code, u]));
    const users = [account('admin', 'Quản trị Ban Tuyên giáo', 'admin', unitByCode.get('BTGTU')?.id ?? null, null)];
    for (const [code, username] of Object.entries(DEMO_USERNAMES)) {
      const unit = unitByCode.get(code);
      if (unit) users.push(account(username, `Cán bộ ${unit.name}`, 'center', unit.id, null));
    }
    data.featuredTrainees.forEach((trainee, index) =>
      users.push(account(`hocvien${index + 1}`, trainee.fullName, 'trainee', null, trainee.traineeId)),
    );
    await insert(qi, 'users', users, transaction);
  });
};

export const down: MigrationFn<SeedContext> = async ({ context: { sequelize } }) => {
  await sequelize.transaction(async (transaction) => {
    const usernames = ['admin', ...Object.values(DEMO_USERNAMES), 'hocvien1', 'hocvien2', 'hocvien3', 'hocvien4'];
    await sequelize.query('DELETE FROM users WHERE username IN (:usernames)', { replacements: { usernames }, transaction });
    for (const table of ['certificate_counters', 'certificates', 'enrollments', 'trainees', 'courses', 'plan_targets', 'plans']) {
      await sequelize.query(`DELETE FROM ${table}`, { transaction });
    }
    await sequelize.query('UPDATE units SET signer_name = NULL', { transaction });
  });
};
