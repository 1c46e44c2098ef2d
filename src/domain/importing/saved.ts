/**
 * Saved named mappings (issue 19): the mapping step's choices kept under a name, offered again on the
 * next import, and read by the command line (`--mapping NAME`). A mapping names columns and fields,
 * never a value from a file.
 */
import { z } from 'zod';
import { mappingFileSchema } from '../importColumns';
import { instantSchema } from '../types';

export const mappingNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^/\\?#%]+$/, 'cannot hold / \\ ? # or %');

export const savedImportMappingSchema = z
  .object({
    name: mappingNameSchema,
    mapping: mappingFileSchema,
    /** Who saved it last (the user's id), and when. */
    savedBy: z.string().min(1).max(200),
    savedAt: instantSchema,
  })
  .strict();
export type SavedImportMapping = z.infer<typeof savedImportMappingSchema>;
