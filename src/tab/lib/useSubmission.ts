/**
 * One form's submission: busy while its work runs (the button says so and cannot be pressed twice), and
 * the error the last attempt ended with, cleared when the next begins. The work does what success means
 * (clear the fields, close the form); on an error the form keeps what the user typed.
 */
import { useCallback, useState } from 'react';

export interface Submission {
  busy: boolean;
  error: unknown;
  run(work: () => Promise<void>): Promise<void>;
}

export function useSubmission(): Submission {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
