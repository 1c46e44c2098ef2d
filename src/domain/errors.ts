/**
 * Errors with stable codes. Thrown by the domain, the operations and the store adapters; turned into
 * HTTP problem+json (or a friendly bot card) only at the edge. Messages are written for people and must
 * never contain a child's name, date of birth or address: they name fields, refs and ids only.
 */
export type ErrorCode =
  | 'NotFound'
  | 'Conflict'
  | 'Forbidden'
  | 'Unauthenticated'
  | 'Invalid'
  | 'Busy'
  /** A one-off step was already taken (an import batch already undone): 409, retrying cannot help. */
  | 'AlreadyDone';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `categories` or `owner.email`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = `${code}Error`;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('NotFound', `${what} was not found.`);
  }
}

/** A write carried a stale version. `current` is the record as it is now, so nothing the user typed is lost. */
export class ConflictError<T = unknown> extends AppError {
  constructor(
    readonly current: T,
    message = 'Someone else changed this record since you opened it.',
  ) {
    super('Conflict', message);
  }
}

/** A one-off step already taken (issue 19: undoing an import twice). `current` says by whom, when. */
export class AlreadyDoneError<T = unknown> extends AppError {
  constructor(
    readonly current: T,
    message: string,
  ) {
    super('AlreadyDone', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this.') {
    super('Forbidden', message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign-in is required.') {
    super('Unauthenticated', message);
  }
}

export class InvalidError extends AppError {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super('Invalid', message);
  }
}

/** The backing service is throttling or unavailable; the caller may retry after `retryAfterSeconds`. */
export class BusyError extends AppError {
  constructor(
    message = 'The service is busy. Please try again shortly.',
    readonly retryAfterSeconds?: number,
  ) {
    super('Busy', message);
  }
}
