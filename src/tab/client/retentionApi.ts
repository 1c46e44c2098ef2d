/**
 * The admin's retention calls (issue 18): the disposal review, holds and approving a disposal.
 */
import type { ResponseOf } from '../../contract/types';
import type { DisposalReview } from '../../domain/retention';
import type { Send } from './transport';

export type { DisposalReview };

export interface RetentionApi {
  disposalReview(): Promise<ResponseOf<'disposalReview'>>;
  reviewDue(): Promise<ResponseOf<'reviewDue'>>;
  placeHold(ref: string, version: number, reason: string): Promise<ResponseOf<'placeHold'>>;
  releaseHold(ref: string, version: number): Promise<ResponseOf<'releaseHold'>>;
  disposeCase(ref: string, version: number, confirmRef: string): Promise<ResponseOf<'disposeCase'>>;
}

export function retentionApi(send: Send): RetentionApi {
  return {
    disposalReview: () => send('disposalReview', {}),
    reviewDue: () => send('reviewDue', {}),
    placeHold: (ref, version, reason) => send('placeHold', { params: { ref }, body: { reason }, version }),
    releaseHold: (ref, version) => send('releaseHold', { params: { ref }, version }),
    disposeCase: (ref, version, confirmRef) =>
      send('disposeCase', { params: { ref }, body: { confirmRef }, version }),
  };
}
