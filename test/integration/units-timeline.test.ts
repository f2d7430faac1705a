import { expect } from 'chai';
import type { App } from '../../server/app.js';
import { AuditLog, Course, Enrollment, Unit, UnitEvent, UnitEventSuccessor, UnitName, User } from '../../server/db/models.js';
import { createCourse } from '../../server/courses/course-create.js';
import { getCourse } from '../../server/courses/index.js';
import { enroll } from '../../server/enrollments/index.js';
import { createPlan } from '../../server/plans/plans.service.js';
import { unitAsOf } from '../../server/units/unit-history.js';
import { correctUnitEvent, recordUnitEvent, withdrawUnitEvent } from '../../server/units/unit-events.service.js';
import { makeApp } from '../helpers/app.js';
import { actorOf } from '../helpers/certificates.js';
import { makeCourse, makeEnrollment, makeTrainee, makeUser, programByCode } from '../helpers/factories.js';
import { expectAppError } from '../helpers/expect-app-error.js';
import { signIn, type Agent } from '../helpers/http.js';
import { submitFrom } from '../helpers/courses.js';
import { boardActor, makeUnit } from '../helpers/units.js';

describe('units change: events recorded by the board', () => {
  describe('rename, reclassify, transfer', () => {
    it('when the board renames a unit, then papers dated before print the old name and header, papers after the new, and it is audited', async () => {
      const unit = await makeUnit({ name: 'Trung tâm Bồi dưỡng chính trị huyện Thử', headerName: 'TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ' });
      const board = await boardActor();
      await recordUnitEvent(board, unit.id, {
        kind: 'rename', effectiveDate: '2152-03-01', decisionNumber: '208-QĐ/TW', name: 'Trung tâm Chính trị huyện Thử', headerName: 'TRUNG TÂM CHÍNH TRỊ',
      });
      const before = await unitAsOf(unit.id, '2152-02-28');
      const after = await unitAsOf(unit.id, '2152-03-01');
      expect(before).to.include({ name: 'Trung tâm Bồi dưỡng chính trị huyện Thử', headerName: 'TRUNG TÂM BỒI DƯỠNG CHÍNH TRỊ', parentBody: unit.parentBody });
      expect(after).to.include({ name: 'Trung tâm Chính trị huyện Thử', headerName: 'TRUNG TÂM CHÍNH TRỊ', parentBody: unit.parentBody });
      expect((await Unit.findByPk(unit.id))!.name).to.equal('Trung tâm Chính trị huyện Thử');
      const event = (await UnitEvent.findOne({ where: { unitId: unit.id } }))!;
      expect(event).to.include({ kind: 'rename', oldName: 'Trung tâm Bồi dưỡng chính trị huyện Thử', newName: 'Trung tâm Chính trị huyện Thử', newHeaderName: 'TRUNG TÂM CHÍNH TRỊ', newParentBody: null });
      expect(await AuditLog.count({ where: { entityType: 'unit', entityId: unit.id, action: 'event.rename' } })).to.equal(1);
    });

    it('when a unit changes kind or is transferred to another parent body, then only that changes from the date', async () => {
      const unit = await makeUnit();
      const board = await boardActor();
      await recordUnitEvent(board, unit.id, { kind: 'reclassify', effectiveDate: '2152-01-01', decisionNumber: '1-QĐ/TU', unitKind: 'committee' });
      await recordUnitEvent(board, unit.id, { kind: 'transfer', effectiveDate: '2153-01-01', decisionNumber: '2-QĐ/TU', parentBody: 'TỈNH ỦY HƯNG YÊN' });
      expect(await unitAsOf(unit.id, '2151-06-01')).to.include({ kind: 'center', parentBody: unit.parentBody });
      expect(await unitAsOf(unit.id, '2152-06-01')).to.include({ kind: 'committee', parentBody: unit.parentBody });
      expect(await unitAsOf(unit.id, '2153-06-01')).to.include({ kind: 'committee', parentBody: 'TỈNH ỦY HƯNG YÊN', name: unit.name });
    });

    it('when a change names nothing new, or is dated before the unit or its last change, then it is refused next to the field', async () => {
      const unit = await makeUnit();
      const board = await boardActor();
      const same = await expectAppError(recordUnitEvent(board, unit.id, { kind: 'rename', effectiveDate: '2152-01-01', decisionNumber: '3-QĐ/TU', name: unit.name }), 'invalid');
      expect(same.fields).to.deep.equal({ name: 'units.errors.nothingChanges' });
      const early = await expectAppError(recordUnitEvent(board, unit.id, { kind: 'rename', effectiveDate: '2150-01-01', decisionNumber: '3-QĐ/TU', name: 'X' }), 'invalid');
      expect(early.fields).to.deep.equal({ effectiveDate: 'units.errors.beforeStart' });
      await recordUnitEvent(board, unit.id, { kind: 'rename', effectiveDate: '2152-05-01', decisionNumber: '4-QĐ/TU', name: 'Tên mới' });
      const order = await expectAppError(recordUnitEvent(board, unit.id, { kind: 'rename', effectiveDate: '2152-04-01', decisionNumber: '5-QĐ/TU', name: 'Tên khác' }), 'invalid');
      expect(order.fields).to.deep.equal({ effectiveDate: 'units.errors.notAfterLast' });
    });

    it('when a center tries to record an event, then the unit is not found for it', async () => {
      const unit = await makeUnit();
      const center = await actorOf(await makeUser({ role: 'center', unitCode: unit.code }));
      await expectAppError(recordUnitEvent(center, unit.id, { kind: 'rename', effectiveDate: '2152-01-01', decisionNumber: '1', name: 'X' }), 'not_found');
    });
  });

  describe('merge, split, dissolve', () => {
    it('when a center is dissolved into a successor with its staff moved, then it ends the day before, staff work for the successor, and records stay with it', async () => {
      const old = await makeUnit();
      const successor = await makeUnit({ kind: 'committee', name: 'Đảng ủy xã Thử Nghiệm', headerName: 'ĐẢNG ỦY XÃ THỬ NGHIỆM' });
      const staff = await makeUser({ role: 'center', unitCode: old.code });
      const course = await makeCourse({ unitCode: old.code, startDate: '2151-05-04', endDate: '2151-05-08' });
      await makeEnrollment(course);
      await recordUnitEvent(await boardActor(), old.id, { kind: 'dissolve', effectiveDate: '2152-07-01', decisionNumber: '1788-QĐ/TU', successorIds: [successor.id], staffAction: 'move' });

      expect((await Unit.findByPk(old.id))!.validTo).to.equal('2152-06-30');
      expect((await User.findByPk(staff.id))!).to.include({ unitId: successor.id, disabledAt: null });
      expect((await Course.findByPk(course.id))!.unitId).to.equal(old.id);
      const event = (await UnitEvent.findOne({ where: { unitId: old.id } }))!;
      expect(event.staffAction).to.equal('move');
      expect((await UnitEventSuccessor.findAll({ where: { eventId: event.id } })).map((s) => s.successorUnitId)).to.deep.equal([successor.id]);
      // A paper dated after the end prints under the unit's last name.
      expect((await unitAsOf(old.id, '2160-01-01')).name).to.equal(old.name);
    });

    it('when a unit has ceased, then a new course, plan or enrollment for it is refused with the successor named', async () => {
      const old = await makeUnit();
      const successor = await makeUnit({ kind: 'committee', name: 'Đảng ủy phường Kế Tục' });
      // Opened before the merger was recorded, to start after it.
      const course = await makeCourse({ unitCode: old.code, startDate: '2152-08-04', endDate: '2152-08-08', status: 'planned' });
      await recordUnitEvent(await boardActor(), old.id, { kind: 'merge', effectiveDate: '2152-07-01', decisionNumber: '9-QĐ/TU', successorIds: [successor.id] });
      const board = await boardActor();
      const program = await programByCode('NTVD');

      const courseError = await expectAppError(createCourse(board, { unitId: old.id, programId: program.id, startDate: '2152-09-01', endDate: '2152-09-05', capacity: 50 }), 'invalid', 'units.errors.endedWithSuccessor');
      expect(courseError.params).to.deep.include({ unit: old.name, date: '01/07/2152', successor: 'Đảng ủy phường Kế Tục' });
      expect(courseError.fields).to.deep.equal({ unitId: 'units.errors.endedWithSuccessor' });
      await expectAppError(createPlan(board, { unitId: old.id, year: 2153, targets: [] }), 'invalid', 'units.errors.endedWithSuccessor');
      await expectAppError(enroll(board, course.id, { traineeId: (await makeTrainee()).id }), 'conflict', 'units.errors.endedWithSuccessor');
      expect(await Enrollment.count({ where: { courseId: course.id } })).to.equal(0);
    });

    it('when the staff are to be disabled, then their accounts are disabled and the unit takes no successor', async () => {
      const old = await makeUnit();
      const staff = await makeUser({ role: 'center', unitCode: old.code });
      await recordUnitEvent(await boardActor(), old.id, { kind: 'dissolve', effectiveDate: '2152-07-01', decisionNumber: '10-QĐ/TU', staffAction: 'disable' });
      expect((await User.findByPk(staff.id))!.disabledAt).to.not.equal(null);
      expect((await Unit.findByPk(old.id))!.validTo).to.equal('2152-06-30');
      const refused = await expectAppError(
        createCourse(await boardActor(), { unitId: old.id, programId: (await programByCode('NTVD')).id, startDate: '2152-08-01', endDate: '2152-08-03', capacity: 30 }),
        'invalid',
        'units.errors.ended',
      );
      expect(refused.params).to.deep.include({ date: '01/07/2152' });
    });

    it('when a merge names no successor or a split one, or staff are to move nowhere, then it is refused', async () => {
      const board = await boardActor();
      const unit = await makeUnit();
      const other = await makeUnit();
      expect((await expectAppError(recordUnitEvent(board, unit.id, { kind: 'merge', effectiveDate: '2152-01-01', decisionNumber: '1', successorIds: [] }), 'invalid')).fields)
        .to.deep.equal({ successorIds: 'units.errors.mergeNeedsOne' });
      expect((await expectAppError(recordUnitEvent(board, unit.id, { kind: 'split', effectiveDate: '2152-01-01', decisionNumber: '1', successorIds: [other.id] }), 'invalid')).fields)
        .to.deep.equal({ successorIds: 'units.errors.splitNeedsTwo' });
      expect((await expectAppError(recordUnitEvent(board, unit.id, { kind: 'dissolve', effectiveDate: '2152-01-01', decisionNumber: '1', staffAction: 'move' }), 'invalid')).fields)
        .to.deep.equal({ staffAction: 'units.errors.moveNeedsSuccessor' });
      expect((await expectAppError(recordUnitEvent(board, unit.id, { kind: 'merge', effectiveDate: '2152-01-01', decisionNumber: '1', successorIds: [unit.id] }), 'invalid')).fields)
        .to.deep.equal({ successorIds: 'units.errors.successorIsSelf' });
      expect(await UnitEvent.count({ where: { unitId: unit.id } })).to.equal(0);
    });

    it('when a unit is split, then both successors inherit its records and the first one is listed first', async () => {
      const old = await makeUnit();
      const first = await makeUnit();
      const second = await makeUnit();
      const course = await makeCourse({ unitCode: old.code, startDate: '2151-05-04', endDate: '2151-05-08' });
      await recordUnitEvent(await boardActor(), old.id, { kind: 'split', effectiveDate: '2152-01-01', decisionNumber: '11-QĐ/TU', successorIds: [first.id, second.id], staffAction: 'disable' });
      for (const successor of [first, second]) {
        const staff = await actorOf(await makeUser({ role: 'center', unitCode: successor.code }));
        expect(staff.inheritedUnitIds).to.deep.equal([old.id]);
        expect((await getCourse(staff, course.id)).id).to.equal(course.id);
      }
      const stranger = await actorOf(await makeUser({ role: 'center', unitCode: 'TTCTVG' }));
      await expectAppError(getCourse(stranger, course.id), 'not_found');
    });
  });

  describe('correcting an event', () => {
    it('when the date was wrong, then the correction moves the unit’s end and the name row, audited', async () => {
      const old = await makeUnit();
      const successor = await makeUnit();
      const board = await boardActor();
      const id = await recordUnitEvent(board, old.id, { kind: 'merge', effectiveDate: '2152-07-01', decisionNumber: '12-QĐ/TU', successorIds: [successor.id] });
      await correctUnitEvent(board, old.id, id, { lockVersion: 0, effectiveDate: '2152-08-01', decisionNumber: '12a-QĐ/TU', note: 'Sửa ngày' });
      expect((await Unit.findByPk(old.id))!.validTo).to.equal('2152-07-31');
      expect((await UnitEvent.findByPk(id))!).to.include({ effectiveDate: '2152-08-01', decisionNumber: '12a-QĐ/TU', lockVersion: 1 });
      expect(await AuditLog.count({ where: { entityType: 'unit', entityId: old.id, action: 'event.correct' } })).to.equal(1);
      await expectAppError(correctUnitEvent(board, old.id, id, { lockVersion: 0, effectiveDate: '2152-08-02', decisionNumber: 'x' }), 'conflict', 'common.errors.stale');

      const renamed = await makeUnit();
      const rename = await recordUnitEvent(board, renamed.id, { kind: 'rename', effectiveDate: '2152-03-01', decisionNumber: '13', name: 'Tên sau' });
      await correctUnitEvent(board, renamed.id, rename, { lockVersion: 0, effectiveDate: '2152-04-01', decisionNumber: '13' });
      expect((await unitAsOf(renamed.id, '2152-03-15')).name).to.equal(renamed.name);
      expect((await unitAsOf(renamed.id, '2152-04-01')).name).to.equal('Tên sau');
    });

    it('when an event is withdrawn, then the unit exists again under its earlier name', async () => {
      const old = await makeUnit();
      const successor = await makeUnit();
      const board = await boardActor();
      const rename = await recordUnitEvent(board, old.id, { kind: 'rename', effectiveDate: '2152-01-01', decisionNumber: '14', name: 'Tên tạm' });
      const merge = await recordUnitEvent(board, old.id, { kind: 'merge', effectiveDate: '2152-07-01', decisionNumber: '15', successorIds: [successor.id] });
      await expectAppError(withdrawUnitEvent(board, old.id, rename, 0), 'conflict', 'units.errors.dependsLaterEvent');
      await withdrawUnitEvent(board, old.id, merge, 0);
      await withdrawUnitEvent(board, old.id, rename, 0);
      const unit = (await Unit.findByPk(old.id))!;
      expect(unit).to.include({ validTo: null, name: old.name });
      expect(await UnitEvent.count({ where: { unitId: old.id } })).to.equal(0);
      expect(await UnitName.count({ where: { unitId: old.id } })).to.equal(1);
      expect(await AuditLog.count({ where: { entityType: 'unit', entityId: old.id, action: 'event.withdraw' } })).to.equal(2);
    });

    it('when the successor has changed since, then the event can no longer be corrected', async () => {
      const old = await makeUnit();
      const successor = await makeUnit();
      const board = await boardActor();
      const merge = await recordUnitEvent(board, old.id, { kind: 'merge', effectiveDate: '2152-07-01', decisionNumber: '16', successorIds: [successor.id] });
      await recordUnitEvent(board, successor.id, { kind: 'rename', effectiveDate: '2153-01-01', decisionNumber: '17', name: 'Kế tục đổi tên' });
      await expectAppError(withdrawUnitEvent(board, old.id, merge, 0), 'conflict', 'units.errors.dependsSuccessorEvent');
    });
  });

  describe('pages', () => {
    let app: App;
    let admin: Agent;
    before(async () => {
      app = makeApp();
      admin = await signIn(app, (await makeUser({ role: 'admin' })).username);
    });

    it('when the board records a dissolution through the form, then the unit page shows it on the timeline with the successor', async () => {
      const old = await makeUnit();
      const successor = await makeUnit({ name: 'Đảng ủy xã Như Ý' });
      const res = await submitFrom(admin, `/units/${old.id}/events/new`, `/units/${old.id}/events`, {
        kind: 'dissolve', effectiveDate: '01/07/2152', decisionNumber: '1788-QĐ/TU', successorIds: String(successor.id), staffAction: 'move', name: '', note: '',
      });
      expect(res.status).to.equal(303);
      const page = await admin.get(`/units/${old.id}`);
      expect(page.text).to.contain('01/07/2152').and.contain('Giải thể').and.contain('1788-QĐ/TU').and.contain('Đảng ủy xã Như Ý').and.contain('Ngừng hoạt động');
      const successorPage = await admin.get(`/units/${successor.id}`);
      expect(successorPage.text).to.contain('Kế tục từ').and.contain(old.name);
    });

    it('when the form misses the decision number, then the page comes back with the error next to the field', async () => {
      const unit = await makeUnit();
      const res = await submitFrom(admin, `/units/${unit.id}/events/new`, `/units/${unit.id}/events`, { kind: 'rename', effectiveDate: '2152-01-01', decisionNumber: '', name: 'Tên mới' });
      expect(res.status).to.equal(422);
      expect(res.text).to.match(/id="e-decisionNumber"[^>]*>[^<]+/);
      expect(await UnitEvent.count({ where: { unitId: unit.id } })).to.equal(0);
    });

    it('when a center posts an event, then it is refused and nothing is written', async () => {
      const unit = await makeUnit();
      const center = await signIn(app, (await makeUser({ role: 'center', unitCode: unit.code })).username);
      const res = await submitFrom(center, `/units/${unit.id}`, `/units/${unit.id}/events`, { kind: 'dissolve', effectiveDate: '2152-01-01', decisionNumber: '1' });
      expect(res.status).to.be.oneOf([403, 404]);
      expect(await UnitEvent.count({ where: { unitId: unit.id } })).to.equal(0);
    });

    it('when the board adds a unit, then it is listed with its first name row', async () => {
      const res = await submitFrom(admin, '/units/new', '/units', {
        code: 'dxtest1', kind: 'committee', name: 'Đảng ủy xã Thử Một', shortName: 'Xã Thử Một', parentBody: 'tỉnh ủy hưng yên', headerName: 'đảng ủy xã thử một',
        symbol: '', place: 'Thử Một', validFrom: '2151-01-01', signerTitle: 'bí thư',
      });
      expect(res.status).to.equal(303);
      const unit = (await Unit.findOne({ where: { code: 'DXTEST1' } }))!;
      expect(unit).to.include({ parentBody: 'TỈNH ỦY HƯNG YÊN', headerName: 'ĐẢNG ỦY XÃ THỬ MỘT', symbol: 'DXTEST1', signerTitle: 'BÍ THƯ' });
      expect(await UnitName.count({ where: { unitId: unit.id } })).to.equal(1);
      const again = await submitFrom(admin, '/units/new', '/units', { code: 'DXTEST1', kind: 'committee', name: 'X', shortName: 'X', parentBody: 'X', headerName: 'X', place: 'X', validFrom: '2151-01-01', signerTitle: 'X' });
      expect(again.status).to.equal(422);
      expect(again.text).to.contain('Mã này đã có đơn vị dùng.');
    });
  });
});
