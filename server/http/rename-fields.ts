// The API names some fields differently from the pages (programCode for programId, trainee.nationalId for a
// nested person): a service's field errors are renamed on their way out, so each names the field the client sent.
import { AppError } from './errors.js';

export async function renameFields<T>(names: Record<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof AppError) || !err.fields) throw err;
    const fields = Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [names[k] ?? k, v]));
    throw new AppError(err.kind, err.message, { fields, details: err.details, params: err.params, cause: err });
  }
}
