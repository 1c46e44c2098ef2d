/**
 * Request bodies of the retention routes (issue 18), kept apart so the route table (src/contract) can
 * take them as they are.
 */
import { z } from 'zod';
import { freeText } from '../../domain/text';

/** A legal or safeguarding hold: why the case must be kept past its retention. */
export const holdInputSchema = z.strictObject({ reason: freeText(1000, { required: true }) });
export type HoldInput = z.infer<typeof holdInputSchema>;

/** Approving one case's disposal: the admin types the ref again, as the confirm dialog asks. */
export const disposeInputSchema = z.strictObject({ confirmRef: z.string().trim().min(1).max(20) });
export type DisposeInput = z.infer<typeof disposeInputSchema>;
