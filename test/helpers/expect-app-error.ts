import { expect } from 'chai';
import { AppError, type ErrorKind } from '../../server/http/errors.js';

/** Awaits `work` and checks it failed with an AppError of this kind and message key. */
export async function expectAppError(work: Promise<unknown> | (() => unknown), kind: ErrorKind, message?: string): Promise<AppError> {
  let error: unknown;
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (err) {
    error = err;
  }
  expect(error, 'an AppError was thrown').to.be.instanceOf(AppError);
  const appError = error as AppError;
  expect(appError.kind, appError.message).to.equal(kind);
  if (message) expect(appError.message).to.equal(message);
  return appError;
}
