/**
 * The admin's retention calls (issue 18): the disposal review, holds and approving a disposal.
 */
import type { DisposalReview } from '../../domain/retention';
import type { Call } from './transport';

export type { DisposalReview };

export interface RetentionApi {
  disposalReview(): Promise<DisposalReview>;
  placeHold(ref: string, version: number, reason: string): Promise<{ ref: string; version: number }>;
  releaseHold(ref: string, version: number): Promise<{ ref: string; version: number }>;
  disposeCase(ref: string, version: number, confirmRef: string): Promise<{ ref: string; version: number }>;
}

export function retentionApi(call: Call): RetentionApi {
  const enc = encodeURIComponent;
  return {
    disposalReview: () => call('GET', '/api/retention/review'),
    placeHold: (ref, version, reason) =>
      call('PUT', `/api/retention/cases/${enc(ref)}/hold`, { body: { reason }, version }),
    releaseHold: (ref, version) => call('DELETE', `/api/retention/cases/${enc(ref)}/hold`, { version }),
    disposeCase: (ref, version, confirmRef) =>
      call('POST', `/api/retention/cases/${enc(ref)}/dispose`, { body: { confirmRef }, version }),
  };
}
