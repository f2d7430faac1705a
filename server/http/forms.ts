// Forms that re-render with their field errors: a route names its view (and how to load the rest of the
// page, such as the options of a select) and the error handler redraws it with the values typed so far.
import type { NextFunction, Request, Response } from 'express';

export type FormContext = (req: Request, res: Response) => Promise<Record<string, unknown>> | Record<string, unknown>;

export interface FormSpec {
  view: string;
  context?: FormContext;
  /** The route's params, which Express no longer holds by the time the app-level error handler runs. */
  params: Request['params'];
}

export function withForm(view: string, context?: FormContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.formSpec = { view, context, params: { ...req.params } } satisfies FormSpec;
    next();
  };
}

/** The submitted values, minus the CSRF token, for re-filling the form. */
export function submittedValues(req: Request): Record<string, unknown> {
  const { _csrf: _ignored, ...values } = (req.body ?? {}) as Record<string, unknown>;
  return values;
}
