import { InvalidError } from '../../domain/errors';

/** Epoch milliseconds of an instant, for ordering and range filters; `InvalidError` if it is not one. */
export function instantMs(value: string, path: string): number {
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new InvalidError(`${path} is not a valid instant.`, [
      { path, message: 'must be an ISO 8601 instant' },
    ]);
  }
  return ms;
}
