/**
 * The SharePoint list schema (infra/sharepoint/lists.json), validated once with zod. Provisioning creates
 * what it describes; the adapter filters only on the columns it marks as indexed.
 */
import { z } from 'zod';
import { CATEGORIES, type Category } from '../../domain/types';
import listsJson from '../../../infra/sharepoint/lists.json';

/** Internal column names: letters and digits, starting with a letter (no spaces, no renames needed). */
const columnName = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}$/, 'must be letters and digits');

export const columnSpecSchema = z.object({
  name: columnName,
  /** The Graph columnDefinition facet. */
  type: z.enum(['text', 'number', 'boolean']),
  indexed: z.boolean(),
  required: z.boolean(),
  enforceUniqueValues: z.boolean().default(false),
  /** For text: a multi-line (note) column, unlimited in lists up to SharePoint's 63,999 characters. */
  allowMultipleLines: z.boolean().default(false),
  /** For the case list's category flags: which domain category the column holds. */
  category: z.enum(CATEGORIES).optional(),
  description: z.string().optional(),
});
export type ColumnSpec = z.infer<typeof columnSpecSchema>;

export const LIST_KEYS = [
  'cases',
  'actions',
  'updates',
  'meetings',
  'escalations',
  'disclosures',
  'audit',
  'conversations',
  'notifications',
  'feedPreferences',
  'counters',
  'minutes',
  'importBatches',
  'importBatchCases',
  'importMappings',
] as const;
export type ListKey = (typeof LIST_KEYS)[number];

export const listSpecSchema = z
  .object({
    key: z.enum(LIST_KEYS),
    displayName: z.string().min(1).max(255),
    template: z.enum(['genericList', 'documentLibrary']),
    description: z.string().default(''),
    columns: z.array(columnSpecSchema).min(1),
  })
  .refine((l) => new Set(l.columns.map((c) => c.name)).size === l.columns.length, 'column names repeat')
  // SharePoint enforces unique values only on indexed columns.
  .refine(
    (l) => l.columns.every((c) => !c.enforceUniqueValues || c.indexed),
    'a unique column must be indexed',
  );
export type ListSpec = z.infer<typeof listSpecSchema>;

export const schemaFileSchema = z
  .object({ version: z.number().int().positive(), lists: z.array(listSpecSchema) })
  .refine(
    (s) => LIST_KEYS.every((k) => s.lists.filter((l) => l.key === k).length === 1),
    'every store concern needs exactly one list',
  );

/** The validated schema: one list per store concern. */
export interface SharePointSchema {
  version: number;
  lists: Record<ListKey, ListSpec>;
  /** Case list column for each category (the flag the category filter uses). */
  categoryColumns: Record<Category, string>;
}

/** Validates a schema document (the committed file, or a test's variant of it). */
export function parseSchema(doc: unknown): SharePointSchema {
  const parsed = schemaFileSchema.parse(doc);
  const lists = Object.fromEntries(parsed.lists.map((l) => [l.key, l])) as Record<ListKey, ListSpec>;
  const categoryColumns = {} as Record<Category, string>;
  for (const category of CATEGORIES) {
    const column = lists.cases.columns.find((c) => c.category === category);
    if (!column || !column.indexed || column.type !== 'boolean') {
      throw new Error(`The case list needs an indexed boolean column for the category ${category}.`);
    }
    categoryColumns[category] = column.name;
  }
  return { version: parsed.version, lists, categoryColumns };
}

/** The committed schema, infra/sharepoint/lists.json. */
export const SCHEMA: SharePointSchema = parseSchema(listsJson);

/** The column spec, or an error: a typo in the adapter's column names fails loudly, not as a 400 later. */
export function columnOf(list: ListSpec, name: string): ColumnSpec {
  const column = list.columns.find((c) => c.name === name);
  if (!column) throw new Error(`The list ${list.displayName} has no column ${name} in the schema.`);
  return column;
}
