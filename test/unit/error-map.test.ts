import { expect } from 'chai';
import { MulterError } from 'multer';
import { ConnectionRefusedError, UniqueConstraintError } from 'sequelize';
import { scrub, toAppError } from '../../server/http/error-handler.js';
import { AppError, STATUS } from '../../server/http/errors.js';

describe('error mapping', () => {
  it('maps each kind to its status', () => {
    expect(STATUS).to.deep.equal({
      bad_request: 400, not_found: 404, invalid: 422, conflict: 409, forbidden: 403, unauthenticated: 401, too_many: 429, too_large: 413, unavailable: 503,
    });
  });

  it('when the database refuses connections, then the error is "unavailable" (503)', () => {
    const mapped = toAppError(new ConnectionRefusedError(new Error('connect ECONNREFUSED')));
    expect(mapped?.kind).to.equal('unavailable');
    expect(mapped?.status).to.equal(503);
  });

  it('when a driver error carries a lost-connection code, then it is "unavailable"', () => {
    const err = Object.assign(new Error('Connection lost'), { code: 'PROTOCOL_CONNECTION_LOST' });
    expect(toAppError(err)?.kind).to.equal('unavailable');
  });

  it('when a unique constraint fails, then the error is a conflict naming the field', () => {
    const err = new UniqueConstraintError({ fields: { national_id: '0123' } });
    const mapped = toAppError(err);
    expect(mapped?.kind).to.equal('conflict');
    expect(mapped?.fields).to.have.property('nationalId');
  });

  it('when an upload is too large, then it is 413; an unexpected field is 422', () => {
    expect(toAppError(new MulterError('LIMIT_FILE_SIZE'))?.status).to.equal(413);
    expect(toAppError(new MulterError('LIMIT_UNEXPECTED_FILE', 'other'))?.status).to.equal(422);
  });

  it('when a body parser rejects malformed JSON (400), then it is invalid input', () => {
    expect(toAppError(Object.assign(new Error('bad json'), { status: 400 }))?.kind).to.equal('invalid');
  });

  it('when an AppError is thrown, then it passes through unchanged', () => {
    const err = new AppError('conflict', 'x');
    expect(toAppError(err)).to.equal(err);
  });

  it('when an unknown error is thrown, then it stays unmapped (500)', () => {
    expect(toAppError(new TypeError('boom'))).to.equal(null);
  });
});

describe('error logging', () => {
  it('when an error message quotes a citizen ID, then the logged text keeps only its first two digits', () => {
    expect(scrub("Duplicate entry '033190123456' for key 'national_id'")).to.equal("Duplicate entry '03…' for key 'national_id'");
    expect(scrub(undefined)).to.equal(undefined);
  });
});
