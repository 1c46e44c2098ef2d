/**
 * Provisioning: makes the site match infra/sharepoint/lists.json by adding what is missing. It creates
 * lists and columns, and indexes (or makes unique) a column the schema needs indexed; it never deletes,
 * renames or retypes anything: a column of the wrong type is reported for a person to resolve. Running
 * it again on a provisioned site changes nothing.
 */
import { z } from 'zod';
import { GraphRequestError, graphErrorCode, type GraphTransport } from './graph';
import { readAllPages, seg } from './items';
import { SCHEMA, type ColumnSpec, type ListSpec, type SharePointSchema } from './schema';

export interface ProvisionReport {
  /** What was done, one line each ("created list ...", "added column ..."). */
  changes: string[];
  /** What is already there and right. */
  unchanged: string[];
  /** What does not match and was left alone (the command then fails). */
  problems: string[];
}

const graphListSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  list: z.object({ template: z.string().optional() }).loose().optional(),
});

const graphColumnSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    indexed: z.boolean().optional(),
    enforceUniqueValues: z.boolean().optional(),
    text: z.object({ allowMultipleLines: z.boolean().optional() }).loose().optional(),
    number: z.object({}).loose().optional(),
    boolean: z.object({}).loose().optional(),
  })
  .loose();
type GraphColumn = z.infer<typeof graphColumnSchema>;

/** The Graph columnDefinition for a column of the schema. */
export function columnDefinition(c: ColumnSpec): Record<string, unknown> {
  const facet =
    c.type === 'text'
      ? { text: c.allowMultipleLines ? { allowMultipleLines: true, linesForEditing: 6 } : { maxLength: 255 } }
      : c.type === 'number'
        ? { number: {} }
        : { boolean: {} };
  return {
    name: c.name,
    displayName: c.name,
    description: c.description ?? '',
    indexed: c.indexed,
    required: c.required,
    enforceUniqueValues: c.enforceUniqueValues,
    ...facet,
  };
}

function typeOf(column: GraphColumn): string {
  if (column.text) return column.text.allowMultipleLines ? 'text (multiple lines)' : 'text';
  if (column.number) return 'number';
  if (column.boolean) return 'boolean';
  return 'another type';
}

function expectedType(c: ColumnSpec): string {
  return c.type === 'text' && c.allowMultipleLines ? 'text (multiple lines)' : c.type;
}

async function ensureColumns(
  graph: GraphTransport,
  listPath: string,
  spec: ListSpec,
  report: ProvisionReport,
): Promise<void> {
  const existing = new Map<string, GraphColumn>();
  for (const raw of await readAllPages(
    graph,
    `read the columns of ${spec.displayName}`,
    `${listPath}/columns`,
  )) {
    const c = graphColumnSchema.safeParse(raw);
    if (c.success) existing.set(c.data.name, c.data);
  }
  for (const column of spec.columns) {
    const where = `${spec.displayName}.${column.name}`;
    const found = existing.get(column.name);
    if (!found) {
      await graph.expect(`add the column ${where}`, 'POST', `${listPath}/columns`, [201, 200], {
        body: columnDefinition(column),
      });
      report.changes.push(
        `added column ${where} (${expectedType(column)}${column.indexed ? ', indexed' : ''}${column.enforceUniqueValues ? ', unique' : ''})`,
      );
      continue;
    }
    if (typeOf(found) !== expectedType(column)) {
      report.problems.push(
        `column ${where} is ${typeOf(found)}, the schema wants ${expectedType(column)}: left as it is`,
      );
      continue;
    }
    const wanted: Record<string, boolean> = {};
    if (column.indexed && !found.indexed) wanted.indexed = true;
    if (column.enforceUniqueValues && !found.enforceUniqueValues) wanted.enforceUniqueValues = true;
    if (Object.keys(wanted).length === 0) {
      report.unchanged.push(`column ${where}`);
      continue;
    }
    const res = await graph.send(
      `update the column ${where}`,
      'PATCH',
      `${listPath}/columns/${seg(found.id)}`,
      {
        body: wanted,
      },
    );
    if (res.status !== 200) {
      report.problems.push(
        `column ${where} could not be made ${Object.keys(wanted).join(' and ')} (HTTP ${res.status}${graphErrorCode(res.json) ? `, ${graphErrorCode(res.json)}` : ''})`,
      );
      continue;
    }
    report.changes.push(`made column ${where} ${Object.keys(wanted).join(' and ')}`);
  }
}

/** Creates the lists and columns the schema describes that the site lacks; see the file comment. */
export async function provisionSharePoint(
  graph: GraphTransport,
  siteId: string,
  schema: SharePointSchema = SCHEMA,
): Promise<ProvisionReport> {
  const report: ProvisionReport = { changes: [], unchanged: [], problems: [] };
  const sitePath = `/sites/${seg(siteId)}`;
  const site = await graph.send('read the site', 'GET', sitePath);
  if (site.status === 404)
    throw new GraphRequestError('find the site SHAREPOINT_SITE_ID names', 404, 'itemNotFound');
  if (site.status !== 200)
    throw new GraphRequestError('read the site', site.status, graphErrorCode(site.json));

  const lists = new Map<string, z.infer<typeof graphListSchema>>();
  for (const raw of await readAllPages(graph, 'read the site lists', `${sitePath}/lists`)) {
    const l = graphListSchema.safeParse(raw);
    if (l.success) lists.set(l.data.displayName, l.data);
  }
  for (const spec of Object.values(schema.lists)) {
    let list = lists.get(spec.displayName);
    if (!list) {
      const created = await graph.expect(
        `create the list ${spec.displayName}`,
        'POST',
        `${sitePath}/lists`,
        [201, 200],
        {
          body: {
            displayName: spec.displayName,
            description: spec.description,
            list: { template: spec.template },
          },
        },
      );
      const parsed = graphListSchema.safeParse(created.json);
      if (!parsed.success)
        throw new GraphRequestError(`create the list ${spec.displayName}`, created.status, 'malformedList');
      list = parsed.data;
      report.changes.push(`created list ${spec.displayName} (${spec.template})`);
    } else if (list.list?.template !== undefined && list.list.template !== spec.template) {
      report.problems.push(
        `list ${spec.displayName} is a ${list.list.template}, the schema wants a ${spec.template}: left as it is`,
      );
      continue;
    } else {
      report.unchanged.push(`list ${spec.displayName}`);
    }
    await ensureColumns(graph, `${sitePath}/lists/${seg(list.id)}`, spec, report);
  }
  return report;
}
