import type { QueryInterface, Sequelize, Transaction } from 'sequelize';
import type { MigrationFn } from 'umzug';
import type { SeedContext } from '../server/db/migrator.js';
import { createDemoGenerator, runHistoricalYears, type ProgramRef, type Row, type UnitRef } from './support/demo-generator.js';
import { runLaterYears } from './support/demo-later-years.js';
import { AGENCIES_COMMITTEE, BOARD_RENAME, CENTER_SUCCESSORS, DISTRICTS_END, type NewUnitSpec } from './support/units-2025.js';

// The demo brought to today (issue #10): the board renamed in 2025, the two "khối" committees merged, the ten
// centers dissolved on 1/7/2025 into commune and ward committees (units-2025.ts, assumed where marked), their
// staff moved to the first successor; then plans, courses, results and certificates for 2025 and 2026. The
// events are written as recordUnitEvent writes them (event, name row, successors, the unit's end, the staff,
// the audit row); seeders use SQL, not services. Runs after 2026-11-26-21-00-demo-data, in the same empty
// database: it replays that seeder's generator (same seed, same units) to carry its people on.

const CHUNK = 500;
const UNIT_FIELDS = `id, code, kind, name, place, symbol, parent_body AS "parentBody", header_name AS "headerName",
  signer_name AS "signerName", signer_title AS "signerTitle", signer_authority AS "signerAuthority"`;

async function insert(qi: QueryInterface, table: string, rows: Row[], transaction: Transaction): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await qi.bulkInsert(table, rows.slice(i, i + CHUNK), { transaction });
}

const at = (day: string) => new Date(`${day}T02:00:00Z`);
const previousDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

interface Admin {
  id: number;
  username: string;
}

class History {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly qi: QueryInterface,
    private readonly transaction: Transaction,
    private readonly admin: Admin,
  ) {}

  async select<T>(sql: string, replacements: Record<string, unknown> = {}): Promise<T[]> {
    const [rows] = await this.sequelize.query(sql, { replacements, transaction: this.transaction });
    return rows as T[];
  }

  async units(): Promise<Map<string, UnitRef>> {
    const rows = await this.select<UnitRef>(`SELECT ${UNIT_FIELDS} FROM units ORDER BY sort_order`);
    return new Map(rows.map((u) => [u.code, u]));
  }

  /** The demo seeder set each unit's signer after the reference seeder had made its name rows. */
  async syncSigners(): Promise<void> {
    await this.sequelize.query(
      `UPDATE unit_names SET
         signer_name = (SELECT u.signer_name FROM units u WHERE u.id = unit_names.unit_id),
         signer_title = (SELECT u.signer_title FROM units u WHERE u.id = unit_names.unit_id),
         signer_authority = (SELECT u.signer_authority FROM units u WHERE u.id = unit_names.unit_id)`,
      { transaction: this.transaction },
    );
  }

  async createUnit(spec: NewUnitSpec, sortOrder: number): Promise<number> {
    const [name, authority, title] = spec.signer;
    const created = at(spec.validFrom);
    const fields = {
      kind: 'committee', name: spec.name, short_name: spec.shortName, parent_body: 'TỈNH ỦY HƯNG YÊN', header_name: spec.headerName,
      symbol: spec.code, place: spec.place, signer_name: name, signer_title: title, signer_authority: authority,
    };
    await this.qi.bulkInsert('units', [{ code: spec.code, ...fields, sort_order: sortOrder, valid_from: spec.validFrom, valid_to: null, lock_version: 0, created_at: created, updated_at: created }], { transaction: this.transaction });
    const [{ id }] = (await this.select<{ id: number }>('SELECT id FROM units WHERE code = :code', { code: spec.code })) as [{ id: number }];
    await this.qi.bulkInsert('unit_names', [{ unit_id: id, valid_from: spec.validFrom, ...fields, created_at: created, updated_at: created }], { transaction: this.transaction });
    await this.event(id, { kind: 'establish', effective_date: spec.validFrom, decision_number: spec.decisionNumber, old_name: null, new_name: spec.name });
    return id;
  }

  async event(unitId: number, fields: Row): Promise<number> {
    const created = at(fields.effective_date as string);
    await this.qi.bulkInsert(
      'unit_events',
      [{
        unit_id: unitId, note: null, new_kind: null, new_short_name: null, new_parent_body: null, new_header_name: null, new_symbol: null,
        new_place: null, staff_action: null, created_by: this.admin.id, lock_version: 0, created_at: created, updated_at: created, ...fields,
      }],
      { transaction: this.transaction },
    );
    const [{ id }] = (await this.select<{ id: number }>(
      'SELECT MAX(id) AS id FROM unit_events WHERE unit_id = :unitId AND kind = :kind', { unitId, kind: fields.kind },
    )) as [{ id: number }];
    return id;
  }

  async audit(unitId: number, day: string, action: string, before: Row, after: Row): Promise<void> {
    await this.qi.bulkInsert(
      'audit_logs',
      [{
        created_at: at(day), user_id: this.admin.id, username: this.admin.username, unit_id: unitId, action, entity_type: 'unit', entity_id: unitId,
        before_data: JSON.stringify(before), after_data: JSON.stringify(after), request_id: null,
      }],
      { transaction: this.transaction },
    );
  }

  /** A rename: the event, the new name row (the signer carried over), the units row mirroring it. */
  async rename(unit: UnitRef & { shortName: string }, change: typeof BOARD_RENAME): Promise<void> {
    const eventFields = {
      kind: 'rename', effective_date: change.effectiveDate, decision_number: change.decisionNumber, old_name: unit.name, new_name: change.name,
      new_short_name: change.shortName !== unit.shortName ? change.shortName : null,
      new_header_name: change.headerName !== unit.headerName ? change.headerName : null,
      new_symbol: change.symbol !== unit.symbol ? change.symbol : null,
      note: change.note,
    };
    await this.event(unit.id, eventFields);
    const now = at(change.effectiveDate);
    const profile = {
      kind: unit.kind, name: change.name, short_name: change.shortName, parent_body: unit.parentBody, header_name: change.headerName,
      symbol: change.symbol, place: unit.place, signer_name: unit.signerName, signer_title: unit.signerTitle, signer_authority: unit.signerAuthority,
    };
    await this.qi.bulkInsert('unit_names', [{ unit_id: unit.id, valid_from: change.effectiveDate, ...profile, created_at: now, updated_at: now }], { transaction: this.transaction });
    await this.sequelize.query(
      'UPDATE units SET name = :name, short_name = :shortName, header_name = :headerName, symbol = :symbol, updated_at = :now WHERE id = :id',
      { replacements: { name: change.name, shortName: change.shortName, headerName: change.headerName, symbol: change.symbol, now, id: unit.id }, transaction: this.transaction },
    );
    await this.audit(unit.id, change.effectiveDate, 'event.rename', { name: unit.name }, {
      kind: 'rename', effectiveDate: change.effectiveDate, decisionNumber: change.decisionNumber, newName: change.name, newKind: null,
      newParentBody: null, newHeaderName: eventFields.new_header_name, newSymbol: eventFields.new_symbol, staffAction: null, note: change.note,
    });
  }

  /** A merge or dissolution: the event, its successors in order, the unit's last day, its staff moved to the first successor. */
  async end(unit: UnitRef, kind: 'merge' | 'dissolve', effectiveDate: string, decisionNumber: string, successors: UnitRef[], note: string): Promise<void> {
    const eventId = await this.event(unit.id, { kind, effective_date: effectiveDate, decision_number: decisionNumber, old_name: unit.name, new_name: null, staff_action: 'move', note });
    await this.qi.bulkInsert('unit_event_successors', successors.map((s, position) => ({ event_id: eventId, successor_unit_id: s.id, position })), { transaction: this.transaction });
    const lastDay = previousDay(effectiveDate);
    await this.sequelize.query('UPDATE units SET valid_to = :lastDay, updated_at = :now WHERE id = :id', { replacements: { lastDay, now: at(effectiveDate), id: unit.id }, transaction: this.transaction });
    const staff = await this.select<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM users WHERE unit_id = :id AND role = 'center' AND disabled_at IS NULL", { id: unit.id },
    );
    await this.sequelize.query(
      "UPDATE users SET unit_id = :to, updated_at = :now WHERE unit_id = :from AND role = 'center' AND disabled_at IS NULL",
      { replacements: { to: successors[0]!.id, from: unit.id, now: at(effectiveDate) }, transaction: this.transaction },
    );
    await this.audit(unit.id, effectiveDate, `event.${kind}`, { name: unit.name }, {
      kind, effectiveDate, decisionNumber, newName: null, newKind: null, newParentBody: null, newHeaderName: null, newSymbol: null,
      staffAction: 'move', note, staff: Number(staff[0]?.n ?? 0), successors: successors.map((s) => s.name),
    });
  }
}

export const up: MigrationFn<SeedContext> = async ({ context: { sequelize, queryInterface: qi, options } }) => {
  const log = options.log ?? (() => {});
  await sequelize.transaction(async (transaction) => {
    const [[admin]] = (await sequelize.query("SELECT id, username, password_hash AS hash FROM users WHERE username = 'admin'", { transaction })) as [Array<Admin & { hash: string }>, unknown];
    if (!admin) throw new Error('demo: run after the demo data seeder (no admin account)');
    const history = new History(sequelize, qi, transaction, admin);

    // The units as the first demo seeder read them: replaying its generator gives back its people.
    const before = await history.select<UnitRef>(`SELECT ${UNIT_FIELDS} FROM units ORDER BY sort_order`);
    const programRows = await history.select<ProgramRef>(
      `SELECT id, code, completion_rule AS "completionRule", usual_days AS "usualDays", credential, min_attendance AS "minAttendance" FROM programs ORDER BY sort_order`,
    );
    const programs = programRows.map((p) => ({ ...p, minAttendance: Number(p.minAttendance) }));

    await history.syncSigners();

    const board = (await history.select<UnitRef & { shortName: string }>(`SELECT ${UNIT_FIELDS}, short_name AS "shortName" FROM units WHERE code = :code`, { code: BOARD_RENAME.code }))[0]!;
    await history.rename(board, BOARD_RENAME);

    const [{ last }] = (await history.select<{ last: number }>('SELECT MAX(sort_order) AS last FROM units')) as [{ last: number }];
    let sortOrder = Number(last);
    await history.createUnit(AGENCIES_COMMITTEE, ++sortOrder);
    for (const { successors } of Object.values(CENTER_SUCCESSORS)) {
      for (const s of successors) await history.createUnit(s, ++sortOrder);
    }
    let byCode = await history.units();
    const get = (code: string) => byCode.get(code)!;

    for (const code of AGENCIES_COMMITTEE.merged) {
      await history.end(get(code), 'merge', AGENCIES_COMMITTEE.validFrom, AGENCIES_COMMITTEE.mergeDecision, [get(AGENCIES_COMMITTEE.code)], `Hợp nhất vào ${AGENCIES_COMMITTEE.name}.`);
    }
    for (const [center, { decisionNumber, successors }] of Object.entries(CENTER_SUCCESSORS)) {
      await history.end(get(center), 'dissolve', DISTRICTS_END, decisionNumber, successors.map((s) => get(s.code)), 'Kết thúc hoạt động của cấp huyện từ ngày 01/07/2025.');
    }

    // A successor that received no moved staff gets its own account, with the demo password of the others.
    const accounts: Row[] = [];
    for (const { successors } of Object.values(CENTER_SUCCESSORS)) {
      for (const s of successors.filter((x) => x.username)) {
        const now = at(s.validFrom);
        accounts.push({
          username: s.username, password_hash: admin.hash, full_name: `Cán bộ ${s.name}`, email: null, role: 'center', unit_id: get(s.code).id,
          trainee_id: null, locale: null, disabled_at: null, last_login_at: null, password_changed_at: now, created_at: now, updated_at: now,
        });
      }
    }
    await insert(qi, 'users', accounts, transaction);

    const generator = createDemoGenerator(programs);
    runHistoricalYears(generator, before);
    const mark = Object.fromEntries(Object.entries(generator.data).map(([table, rows]) => [table, (rows as Row[]).length])) as Record<string, number>;
    const lastTraineeId = generator.data.trainees.length;
    generator.changedTrainees(lastTraineeId); // 2023–2024's changes went in with their rows
    byCode = await history.units();
    runLaterYears(generator, byCode);
    const later = (table: keyof typeof generator.data) => (generator.data[table] as Row[]).slice(mark[table]);
    log(`demo to today: ${later('courses').length} courses, ${later('enrollments').length} enrollments, ${later('trainees').length} new trainees`);

    await insert(qi, 'plans', later('plans'), transaction);
    await insert(qi, 'plan_targets', later('targets'), transaction);
    await insert(qi, 'courses', later('courses'), transaction);
    await insert(qi, 'trainees', later('trainees'), transaction);
    await insert(qi, 'enrollments', later('enrollments'), transaction);
    await insert(qi, 'certificates', later('certificates'), transaction);
    await insert(qi, 'certificate_counters', later('counters'), transaction);
    for (const row of generator.changedTrainees(lastTraineeId)) {
      await sequelize.query('UPDATE trainees SET party_status = :status, party_joined_on = :joined WHERE id = :id', {
        replacements: { status: row.party_status, joined: row.party_joined_on, id: row.id }, transaction,
      });
    }
  });
};

export const down: MigrationFn<SeedContext> = async () => {
  // The events, units and years it adds are undone with the rest of the demo data only by starting afresh.
  throw new Error('demo data to today cannot be undone: remove the database and start again');
};
