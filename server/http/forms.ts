// Forms that re-render with their field errors: a route names its view (and how to load the rest of the
// page, such as the options of a select) and the error handler redraws it with the values typed so far.
import type { NextFunction, Request, Response } from 'express';

export type FormContext = (req: Request, res: Response) => Promise<Record<string, unknown>> | Record<string, unknown>;

export interface FormSpec {
  view: string;
  context?: FormContext;
  /** The route's params: by the time the error handler redraws the form, Express has reset req.params. */
  params?: Record<string, string>;
}

export function withForm(view: string, context?: FormContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.formSpec = { view, context, params: { ...(req.params as Record<string, string>) } } satisfies FormSpec;
    next();
  };
}

/** The submitted values, minus the CSRF token, for re-filling the form. */
export function submittedValues(req: Request): Record<string, unknown> {
  const { _csrf: _ignored, ...values } = (req.body ?? {}) as Record<string, unknown>;
  return values;
}
