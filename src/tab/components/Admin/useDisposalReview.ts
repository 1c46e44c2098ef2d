/**
 * State of the disposal review screen (issue 18): the review as the server computed it, reloaded after
 * every approval or hold, and the last problem (shown; nothing is retried behind the admin's back).
 */
import { useCallback, useEffect, useState } from 'react';
import type { DisposalReview } from '../../../domain/retention';
import type { CmoeApi } from '../../client/client';

export interface DisposalReviewState {
  status: 'loading' | 'ready' | 'error';
  review: DisposalReview | null;
  error: unknown;
  /** What the last change did, for the status line: "CMOE-0042: personal data removed." */
  done: string | null;
  reload(): Promise<void>;
  dispose(ref: string, version: number, confirmRef: string): Promise<void>;
  hold(ref: string, version: number, reason: string): Promise<void>;
  release(ref: string, version: number): Promise<void>;
}

export function useDisposalReview(api: CmoeApi): DisposalReviewState {
  const [review, setReview] = useState<DisposalReview | null>(null);
  const [status, setStatus] = useState<DisposalReviewState['status']>('loading');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      setReview(await api.disposalReview());
      setStatus('ready');
    } catch (e) {
      setError(e);
      setStatus('error');
    }
  }, [api]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // Dialogs show their own errors: a change that fails throws to them, and nothing reloads. The
  // message is announced once the tables show the review as it is after the change.
  const after = async (message: string) => {
    setDone(null);
    await reload();
    setDone(message);
  };
  return {
    status,
    review,
    error,
    done,
    reload,
    dispose: async (ref, version, confirmRef) => {
      await api.disposeCase(ref, version, confirmRef);
      await after(`${ref}: personal data removed.`);
    },
    hold: async (ref, version, reason) => {
      await api.placeHold(ref, version, reason);
      await after(`${ref}: hold placed.`);
    },
    release: async (ref, version) => {
      await api.releaseHold(ref, version);
      await after(`${ref}: hold released.`);
    },
  };
}
