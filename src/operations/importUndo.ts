/**
 * Import batches and "undo the last import" (issue 19). Every real import that writes anything is
 * recorded as a batch (operations/importExport.ts collects it with `BatchCollector`); the system owner
 * (`import.run`) can undo the last batch once. The rule deciding what each case allows is pure
 * (domain/importBatches.ts); here the store is read, the rule asked, and each step written conditionally:
 * a case edited in between is never removed (the store re-checks its version at the delete).
 *
 * Case refs of removed cases are NOT reused: the ref counter never goes back, so a ref that was read
 * out in a meeting or written in a note cannot later name another child.
 *
 * Nothing here logs; the audit holds refs, batch ids, field names, versions and counts only.
 */
import { createHash } from 'node:crypto';
import { AlreadyDoneError, ConflictError, NotFoundError } from '../domain/errors';
import {
  type BatchCase,
  type BatchSummary,
  type UndoReport,
  type CaseNow,
  type ImportBatch,
  type LeftAloneReason,
  type UndoResult,
  batchCounts,
  planUndo,
} from '../domain/importBatches';
import type { Action, Case, CaseUpdate, Escalation } from '../domain/types';
import { newId } from '../store/ids';
import type { CasePatch } from '../store/ports';
import { type Call, type OperationDeps, audit, authorize, nowIso } from './context';

/** The reason in the 409 `AlreadyDone` problem's `current`: which one-off step it was. */
export const ALREADY_UNDONE = 'ImportAlreadyUndone';

/** Collects, while an import writes, what it did to each case (see `ImportBatch`). */
export class BatchCollector {
  private readonly entries = new Map<string, BatchCase>();

  created(c: Case): void {
    this.entries.set(c.ref, {
      ref: c.ref,
      kind: 'created',
      version: c.version,
      before: null,
      actionIds: [],
      updateIds: [],
    });
  }

  /**
   * A case the import changed: `before` is the case as planned against (its version and the values of
   * the patched fields), `after` the case written (or null when only actions/notes were added).
   */
  changed(before: Case, patch: CasePatch, after: Case | null): void {
    const old = before as unknown as Record<string, unknown>;
    const fields = Object.fromEntries(
      Object.entries(patch)
        .filter(([, v]) => v !== undefined)
        .map(([k]) => [k, old[k] ?? null]),
    );
    this.entries.set(before.ref, {
      ref: before.ref,
      kind: 'changed',
      version: after?.version ?? before.version,
      before: { version: before.version, fields: after === null ? {} : fields },
      actionIds: [],
      updateIds: [],
    });
  }

  actions(all: readonly Action[]): void {
    for (const a of all) this.entries.get(a.caseRef)?.actionIds.push(a.id);
  }

  notes(all: readonly CaseUpdate[]): void {
    for (const u of all) this.entries.get(u.caseRef)?.updateIds.push(u.id);
  }

  /** The cases the import touched (a changed case with nothing written is left out). */
  cases(): BatchCase[] {
    return [...this.entries.values()].filter(
      (e) =>
        e.kind === 'created' ||
        e.version !== e.before?.version ||
        e.actionIds.length > 0 ||
        e.updateIds.length > 0,
    );
  }
}

/**
 * Records the batch (when the import wrote anything) and audits `import.batch` with counts. Returns the
 * batch id, or null when nothing was written.
 */
export async function recordImportBatch(
  deps: OperationDeps,
  call: Call,
  file: { bytes: Uint8Array; fileName: string | null; format: 'csv' | 'xlsx' },
  collected: BatchCollector,
): Promise<string | null> {
  const cases = collected.cases();
  if (cases.length === 0) return null;
  const previous = await deps.store.importBatches.latest();
  const batch = await deps.store.importBatches.record(
    {
      id: newId(),
      at: nowIso(call),
      by: call.caller.id,
      // The name alone, never a path (the CLI is given one, with the user's folders in it).
      fileName:
        file.fileName === null ? null : (file.fileName.split(/[\\/]/).pop() ?? '').slice(0, 255) || null,
      fileSha256: createHash('sha256').update(file.bytes).digest('hex'),
      format: file.format,
      cases,
    },
    nowIso(call),
  );
  await audit(deps, call, 'import.batch', `import-batch:${batch.id}`, batchCounts(batch));
  // Only the last batch can be undone: the one before no longer needs the values it replaced.
  if (previous !== null) await deps.store.importBatches.forgetReplacedValues(previous.id);
  return batch.id;
}

function summary(b: ImportBatch): BatchSummary {
  const created = b.cases.filter((c) => c.kind === 'created').length;
  return {
    id: b.id,
    at: b.at,
    by: b.by,
    fileName: b.fileName,
    format: b.format,
    created,
    changed: b.cases.length - created,
    undone: b.undone === null ? null : { at: b.undone.at, by: b.undone.by },
  };
}

/** The last import batch (null before any), for the tab's "Undo this import". */
export async function lastImportBatch(deps: OperationDeps, call: Call): Promise<BatchSummary | null> {
  await authorize(deps, call, 'import.run', 'import');
  const batch = await deps.store.importBatches.latest();
  return batch === null ? null : summary(batch);
}

function alreadyUndone(batch: ImportBatch | null): AlreadyDoneError {
  return new AlreadyDoneError(
    { reason: ALREADY_UNDONE, batch: batch === null ? null : summary(batch) },
    'The last import was already undone: an import can be undone once, and only the last one.',
  );
}

/** Everything that shows whether each of the batch's cases was touched since, read once. */
async function casesNow(deps: OperationDeps, batch: ImportBatch): Promise<Map<string, CaseNow>> {
  const [cases, actions, escalations] = await Promise.all([
    deps.store.cases.list(),
    deps.store.actions.list(),
    deps.store.escalations.list(),
  ]);
  const refs = new Set(batch.cases.map((c) => c.ref));
  const group = <T extends { caseRef: string }>(all: readonly T[]) => {
    const out = new Map<string, T[]>();
    for (const x of all) {
      if (!refs.has(x.caseRef)) continue;
      const list = out.get(x.caseRef);
      if (list) list.push(x);
      else out.set(x.caseRef, [x]);
    }
    return out;
  };
  const actionsOf = group<Action>(actions);
  const escalationsOf = group<Escalation>(escalations);
  const byRef = new Map(cases.filter((c) => refs.has(c.ref)).map((c) => [c.ref, c]));
  const out = new Map<string, CaseNow>();
  for (const ref of refs) {
    out.set(ref, {
      current: byRef.get(ref) ?? null,
      actions: actionsOf.get(ref) ?? [],
      updates: await deps.store.updates.list(ref),
      escalations: escalationsOf.get(ref) ?? [],
    });
  }
  return out;
}

/**
 * Undoes the last import batch: each case it created and nobody touched since is removed (with the
 * actions and notes the import added), each case it changed is put back; every other case is listed and
 * left alone. The batch is claimed first (a conditional write), so a second undo, even one racing this,
 * is `AlreadyDoneError` (409, code `AlreadyDone`, `current.reason` `ImportAlreadyUndone`). Audited per case and as one
 * `import.undo` entry with counts.
 */
export async function undoLastImport(deps: OperationDeps, call: Call): Promise<UndoReport> {
  await authorize(deps, call, 'import.run', 'import');
  const batch = await deps.store.importBatches.latest();
  if (batch === null) throw new NotFoundError('An import to undo');
  if (batch.undone !== null) throw alreadyUndone(batch);
  const at = nowIso(call);
  const by = call.caller.id;
  let claimed: ImportBatch;
  try {
    claimed = await deps.store.importBatches.markUndone(
      batch.id,
      batch.version,
      { at, by, result: null },
      at,
    );
  } catch (error) {
    if (error instanceof ConflictError) throw alreadyUndone(await deps.store.importBatches.get(batch.id));
    throw error;
  }

  const meetings = await deps.store.meetings.list();
  const steps = planUndo(batch, await casesNow(deps, batch), meetings);
  const result: UndoResult = { removed: [], restored: [], leftAlone: [] };
  const leave = async (ref: string, reason: LeftAloneReason) => {
    result.leftAlone.push({ ref, reason });
    await audit(deps, call, 'import.undo', ref, [`left-alone=${reason}`]);
  };
  for (const step of steps) {
    if (step.kind === 'leave') {
      await leave(step.ref, step.reason);
      continue;
    }
    const { entry } = step;
    const own = { actions: entry.actionIds.map((id) => ({ id, version: 1 })), updateIds: entry.updateIds };
    if (step.kind === 'remove') {
      if (await deps.store.importBatches.removeCase(entry.ref, entry.version, own)) {
        result.removed.push(entry.ref);
        await audit(deps, call, 'import.undo', entry.ref, ['removed'], entry.version, null);
      } else await leave(entry.ref, 'conflict');
      continue;
    }
    // A changed case: its added actions and notes go first (all or none), then its fields go back.
    if (!(await deps.store.importBatches.removeAdded(own))) {
      await leave(entry.ref, 'conflict');
      continue;
    }
    const fields = entry.before?.fields ?? {};
    let toVersion = entry.version;
    if (Object.keys(fields).length > 0) {
      try {
        toVersion = (await deps.store.cases.update(entry.ref, entry.version, fields as CasePatch, at))
          .version;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        await leave(entry.ref, 'conflict');
        continue;
      }
    }
    result.restored.push(entry.ref);
    await audit(
      deps,
      call,
      'import.undo',
      entry.ref,
      ['restored', ...Object.keys(fields)],
      entry.version,
      toVersion,
    );
  }
  await deps.store.importBatches.markUndone(batch.id, claimed.version, { at, by, result }, at);
  // Undone once and for all: the values it put back are no longer needed in the batch.
  await deps.store.importBatches.forgetReplacedValues(batch.id);
  await audit(deps, call, 'import.undo', `import-batch:${batch.id}`, [
    `removed=${result.removed.length}`,
    `restored=${result.restored.length}`,
    `left-alone=${result.leftAlone.length}`,
  ]);
  return { batchId: batch.id, importedAt: batch.at, ...result };
}
