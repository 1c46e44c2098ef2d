/**
 * Entra would issue a Graph token on behalf of the user only after they (or an administrator) consent,
 * or after an interactive step (multi-factor, a conditional-access policy): the tab must open Teams'
 * consent pop-up and try again. A `ForbiddenError` (403: the user is signed in; this is not a sign-in
 * loop) that the API turns into the problem code `ConsentRequired`.
 */
import { ForbiddenError } from '../domain/errors';

export type ConsentReason = 'consent_required' | 'interaction_required';

export class ConsentRequiredError extends ForbiddenError {
  constructor(readonly reason: ConsentReason) {
    super(
      reason === 'consent_required'
        ? 'CMOE Tracker needs your permission to reach the CMOE list in SharePoint for you.'
        : 'Microsoft needs you to confirm your sign-in before CMOE Tracker can reach the CMOE list for you.',
    );
    this.name = 'ConsentRequiredError';
  }
}
