import { expect } from 'chai';
import { QueryTypes } from 'sequelize';
import type { App } from '../../server/app.js';
import type { Actor } from '../../server/auth/actor.js';
import { AuditLog, Enrollment, ImportBatch, Trainee, User } from '../../server/db/models.js';
import { readSpreadsheet } from '../../server/imports/read-file.js';
import { commitRosterImport } from '../../server/imports/roster-import.js';
import { makeApp } from '../helpers/app.js';
import { makeOpenCourse, staffAgent } from '../helpers/courses.js';
import { makeTrainee, makeUser } from '../helpers/factories.js';
import type { Agent } from '../helpers/http.js';
import { countOf, previewErrors, rosterCsv, rosterXlsx, uploadAndPreview } from '../helpers/imports.js';
import { realisticRoster } from '../helpers/rosters.js';
import { testDb } from '../helpers/db.js';

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
const HEADER = 'STT,Họ và tên,Ngày sinh,Giới tính,Số CCCD,Đảng viên,Ngày vào Đảng,Điện thoại,Email,Đơn vị công tác';

async function actorOf(user: User): Promise<Actor> {
  return { id: user.id, username: user.username, fullName: user.fullName, role: user.role, unitId: user.unitId, unitName: null, traineeId: null, locale: null, via: 'session' };
}

describe('roster import: every kind of error, and all or nothing', () => {
  let app: App;
  let agent: Agent;
  before(async () => {
    app = makeApp();
    agent = await staffAgent(app);
  });

  it('when rows carry each kind of mistake, then the preview lists each with its row, its column and a Vietnamese message', async () => {
    const course = await makeOpenCourse();
    const other = await makeTrainee({ fullName: 'Trần Văn Khác' });
    const lines = [
      HEADER,
      '1,,17/05/1990,Nam,,,,,,', // row 2
      '2,Nguyễn Văn 2,17/05/1990,Nam,,,,,,', // 3
      '3,Lê Thị Bình,,Nữ,,,,,,', // 4
      '4,Lê Thị Cúc,32/13/1990,Nữ,,,,,,', // 5
      '5,Lê Thị Dung,17/05/90,Nữ,,,,,,', // 6
      '6,Lê Văn Em,17/05/1990,Đực,,,,,,', // 7
      '7,Lê Văn Giang,17/05/1990,Nam,0341900012,,,,,', // 8
      '8,Lê Văn Hải,17/05/1990,Nam,034190001,,,,,', // 9
      '9,Lê Văn Khoa,17/05/1990,Nam,03419000123A,,,,,', // 10
      '10,Lê Văn Long,17/05/1990,Nam,,Có thể,,,,', // 11
      '11,Lê Văn Minh,17/05/1990,Nam,,Không,19/05/2015,,,', // 12
      '12,Lê Văn Nam,17/05/1990,Nam,,,,0912,,', // 13
      '13,Lê Văn Oanh,17/05/1990,Nam,,,,,oanh@,', // 14
      `14,Lê Văn Phúc,17/05/1990,Nam,,,,,,${'Ủy ban nhân dân '.repeat(20)}`, // 15
      '15,Nguyễn Thị Hằng,17/05/1990,Nữ,033190001234,,,,,', // 16: the template's example
      '16,Lê Văn Quang,17/05/1990,Nam,034090001111,,,,,', // 17
      '17,Lê Văn Quân,17/05/1990,Nam,034090001111,,,,,', // 18: same ID as 17
      '18,Lê Văn Sơn,17/05/1990,Nam,,,,,,', // 19
      '19,LÊ VĂN SƠN,17/05/1990,Nam,,,,,,', // 20: same person as 19
      `20,Lê Văn Tài,17/05/1990,Nam,${other.nationalId},,,,,`, // 21: someone else's ID
      '21,Lê Văn Ổn,17/05/1990,Nam,,,,,,', // 22: fine
    ];
    const { page } = await uploadAndPreview(agent, course.id, csv(lines), 'loi.csv');
    expect(previewErrors(page.text)).to.deep.equal([
      [2, 'Họ và tên', 'Thiếu họ và tên.'],
      [3, 'Họ và tên', 'Họ và tên chỉ gồm chữ cái và khoảng trắng (không có chữ số hay ký hiệu).'],
      [4, 'Ngày sinh', 'Thiếu ngày sinh (ghi dd/mm/yyyy, hoặc chỉ năm sinh).'],
      [5, 'Ngày sinh', 'Ngày "32/13/1990" không hợp lệ. Ghi theo dạng dd/mm/yyyy (ví dụ 17/05/1990) hoặc chỉ năm (1990).'],
      [6, 'Ngày sinh', 'Năm phải ghi đủ 4 chữ số: "17/05/90".'],
      [7, 'Giới tính', 'Giới tính "Đực" không hợp lệ: ghi "Nam" hoặc "Nữ".'],
      [8, 'Số CCCD', 'Số CCCD phải gồm đúng 12 chữ số (ô này có 10 chữ số).'],
      [9, 'Số CCCD', 'Đây là số CMND 9 chữ số; hãy ghi số CCCD 12 chữ số.'],
      [10, 'Số CCCD', 'Số CCCD chỉ gồm chữ số.'],
      [11, 'Đảng viên', 'Giá trị "Có thể" không hợp lệ: ghi "Đảng viên chính thức", "Đảng viên dự bị", "Có" hoặc "Không" / "Quần chúng".'],
      [12, 'Ngày vào Đảng', 'Có ngày vào Đảng nhưng cột Đảng viên ghi là không phải đảng viên.'],
      [13, 'Điện thoại', 'Số điện thoại "0912" không hợp lệ (cần 10 chữ số, bắt đầu bằng 0).'],
      [14, 'Email', 'Email "oanh@" không hợp lệ.'],
      [15, 'Đơn vị công tác', 'Nội dung quá dài: tối đa 255 ký tự.'],
      [16, 'Họ và tên', 'Đây là dòng ví dụ của tệp mẫu; hãy xóa dòng này trước khi nhập.'],
      [18, 'Số CCCD', 'Trùng số CCCD với dòng 17.'],
      [20, 'Họ và tên', 'Trùng họ tên và ngày sinh với dòng 19.'],
      [21, 'Số CCCD', 'Số CCCD này đã có trong hệ thống nhưng thuộc về người có họ tên khác. Hãy kiểm tra lại số CCCD.'],
    ]);
    expect(countOf(page.text, 'error')).to.equal(18);
    expect(countOf(page.text, 'create')).to.equal(3);
    expect(page.text, 'the same person twice is also listed on its own').to.match(/data-duplicates[\s\S]*data-duplicate-row="18"[\s\S]*data-duplicate-row="20"/);
  });

  it('when a required column is missing or no header is found, then the file-wide error says which', async () => {
    const course = await makeOpenCourse();
    const missing = await uploadAndPreview(agent, course.id, csv(['STT,Họ và tên,Giới tính', '1,Lê Văn An,Nam']), 'thieu.csv');
    expect(previewErrors(missing.page.text)).to.deep.equal([[1, 'Ngày sinh', 'Thiếu cột bắt buộc "Ngày sinh".']]);
    const headless = await uploadAndPreview(agent, course.id, csv(['Tên lớp,Ngày', 'Lớp A,1/1/2025']), 'khong-tieu-de.csv');
    expect(previewErrors(headless.page.text)).to.deep.equal([
      [1, '', 'Không tìm thấy dòng tiêu đề: trong 20 dòng đầu không có cột "Họ và tên". Hãy dùng tệp mẫu hoặc đặt tên cột giống tệp mẫu.'],
    ]);
  });

  it('when Excel dropped the leading zero of an ID, then it is restored with a warning and the row still imports', async () => {
    const course = await makeOpenCourse();
    const { page } = await uploadAndPreview(agent, course.id, csv([HEADER, '1,Lê Văn An,17/05/1990,Nam,34090004321,,,,,']), 'so.csv');
    expect(previewErrors(page.text)).to.deep.equal([]);
    expect(page.text).to.include('data-warning-row="2"');
    expect(countOf(page.text, 'create')).to.equal(1);
  });

  describe('all or nothing', () => {
    const TRIGGER = 'test_fail_trainee_insert';
    afterEach(async () => {
      await testDb().sequelize.query(`DROP TRIGGER IF EXISTS ${TRIGGER}`);
    });

    /** A real database failure on one row's INSERT: the database refuses that citizen ID. */
    async function failOn(nationalId: string): Promise<void> {
      const db = testDb();
      if (db.dialect === 'sqlite') {
        await db.sequelize.query(`CREATE TRIGGER ${TRIGGER} BEFORE INSERT ON trainees WHEN NEW.national_id = '${nationalId}' BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
      } else {
        await db.sequelize.query(
          `CREATE TRIGGER ${TRIGGER} BEFORE INSERT ON trainees FOR EACH ROW BEGIN IF NEW.national_id = '${nationalId}' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'forced failure'; END IF; END`,
        );
      }
    }

    it('when the database refuses row 1,100 of 1,200 (after two chunks were written), then nothing of the file is left behind', async () => {
      const course = await makeOpenCourse({ capacity: 1500 });
      const user = await makeUser({ role: 'center' });
      const people = realisticRoster(1200, 4201).map((p, i) => ({ ...p, nationalId: `0351900${String(10000 + i).padStart(5, '0')}` }));
      const file = await readSpreadsheet(await rosterXlsx(people), 'ds.xlsx');
      await failOn(people[1098]!.nationalId!); // spreadsheet row 1,100
      const auditsBefore = await AuditLog.count();
      let failure: unknown = null;
      try {
        await commitRosterImport(await actorOf(user), course.id, file);
      } catch (err) {
        failure = err;
      }
      const parent = (failure as { parent?: Error } | null)?.parent;
      expect(`${(failure as Error | null)?.message} ${parent?.message}`, 'the commit failed on that row').to.match(/forced failure/);
      expect(await Trainee.count({ where: { nationalId: people.map((p) => p.nationalId!) } })).to.equal(0);
      expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
      expect(await ImportBatch.count({ where: { courseId: course.id } })).to.equal(0);
      expect(await AuditLog.count()).to.equal(auditsBefore);

      // Once the cause is gone, the same file commits (its hash was not left claimed).
      await testDb().sequelize.query(`DROP TRIGGER IF EXISTS ${TRIGGER}`);
      const outcome = await commitRosterImport(await actorOf(user), course.id, file);
      expect(outcome).to.include({ created: 1200, matched: 0, alreadyImported: false });
      const [{ n }] = await testDb().sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM enrollments WHERE course_id = :id AND import_batch_id = :batch', {
        replacements: { id: course.id, batch: outcome.batchId },
        type: QueryTypes.SELECT,
      });
      expect(Number(n)).to.equal(1200);
    });
  });

  it('when an exported roster is imported as CSV with ; and decimal commas, then it is read the same way', async () => {
    const course = await makeOpenCourse();
    const people = realisticRoster(20, 4202);
    const { page } = await uploadAndPreview(agent, course.id, await rosterCsv(people, { delimiter: ';' }), 'ds.csv');
    expect(previewErrors(page.text)).to.deep.equal([]);
    expect(countOf(page.text, 'create')).to.equal(20);
  });
});
