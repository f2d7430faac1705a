// The pure parts of "reports both ways": the SQL that maps a course's unit to the row that counts it, and
// how a unit that no longer exists is written.
import { expect } from 'chai';
import { rowUnitSql } from '../../server/reports/reports.queries.js';
import { endedMark, includesLine, markedName, viewLine } from '../../server/reports/unit-labels.js';

describe('reports both ways: the row a course counts in', () => {
  it('when nothing rolls up, then the unit is the course unit', () => {
    expect(rowUnitSql(new Map())).to.equal('c.unit_id');
  });

  it('when units roll up, then a CASE of numbers only maps them, in a stable order', () => {
    expect(rowUnitSql(new Map([[4, 20], [3, 20], [7, 21]]))).to.equal('CASE c.unit_id WHEN 3 THEN 20 WHEN 4 THEN 20 WHEN 7 THEN 21 ELSE c.unit_id END');
  });

  it('when an id is not an integer, then no SQL is built', () => {
    expect(() => rowUnitSql(new Map([[Number('1; DROP TABLE units'), 2]]))).to.throw(/Not a unit id/);
    expect(() => rowUnitSql(new Map([[1, 2.5]]))).to.throw(/Not a unit id/);
  });
});

describe('reports both ways: how an ended unit is written', () => {
  const S = { unitCode: 'DUKV', unitName: 'Đảng ủy khu vực Kim Động' };
  const unit = (kind: 'merge' | 'split' | 'dissolve', successors = [S]) => ({ unitName: 'Trung tâm Chính trị huyện Kim Động', ended: { kind, on: '2025-07-01', successors } });

  it('when dissolved, merged or split, then the mark says so with the first day it no longer existed', () => {
    expect(markedName(unit('dissolve'))).to.equal('Trung tâm Chính trị huyện Kim Động (đã giải thể từ 01/07/2025)');
    expect(endedMark(unit('merge'))).to.equal('đã sáp nhập vào Đảng ủy khu vực Kim Động từ 01/07/2025');
    expect(endedMark(unit('merge', []))).to.equal('đã sáp nhập từ 01/07/2025');
    expect(endedMark(unit('split'))).to.equal('đã chia tách từ 01/07/2025');
    expect(endedMark(unit('dissolve'), 'en')).to.equal('dissolved as of 01/07/2025');
  });

  it('when the unit exists, then there is no mark', () => {
    expect(markedName({ unitName: 'Đảng ủy Công an tỉnh', ended: null })).to.equal('Đảng ủy Công an tỉnh');
    expect(markedName({ unitName: 'Đảng ủy Công an tỉnh' })).to.equal('Đảng ủy Công an tỉnh');
  });

  it('when rolled up, then the report says so and a row names whose figures it carries', () => {
    expect(viewLine({ view: 'rolled-up' })).to.equal('Số liệu theo đơn vị kế tục (sau sắp xếp)');
    expect(viewLine({ view: 'as-was' })).to.equal(null);
    expect(viewLine({})).to.equal(null);
    expect(includesLine({ predecessors: [S, { unitCode: 'X', unitName: 'Trung tâm Chính trị huyện Ân Thi' }] })).to.equal(
      'Gồm số liệu của: Đảng ủy khu vực Kim Động; Trung tâm Chính trị huyện Ân Thi',
    );
    expect(includesLine({ predecessors: [] })).to.equal(null);
  });
});
