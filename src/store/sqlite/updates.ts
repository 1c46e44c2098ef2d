import type Database from 'better-sqlite3';
import { caseUpdateSchema } from '../../domain/types';
import type { CaseRef, CaseUpdate } from '../../domain/types';
import { NotFoundError } from '../../domain/errors';
import { newId } from '../ids';
import type { CaseUpdateStore, NewCaseUpdate } from '../ports';
import { validateRecord } from '../records';
import { decodeRow, run } from './records';

/** A case's timeline: append-only, oldest first (ties in the order they were added). */
export class SqliteCaseUpdateStore implements CaseUpdateStore {
  private readonly selectByCase: Database.Statement;
  private readonly insertRow: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly updateData: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.selectByCase = db
      .prepare('SELECT id, data FROM case_updates WHERE case_ref = ? ORDER BY at_ms, seq')
      .raw(true);
    this.insertRow = db.prepare('INSERT INTO case_updates (id, case_ref, at_ms, data) VALUES (?, ?, ?, ?)');
    this.selectOne = db.prepare('SELECT data FROM case_updates WHERE id = ?').pluck();
    this.updateData = db.prepare('UPDATE case_updates SET data = ? WHERE id = ?');
  }

  list(caseRef: CaseRef): Promise<CaseUpdate[]> {
    return run(() =>
      (this.selectByCase.all(caseRef) as [string, unknown][]).map(([id, data]) =>
        decodeRow(caseUpdateSchema, 'case_updates', id, data),
      ),
    );
  }

  add(input: NewCaseUpdate): Promise<CaseUpdate> {
    return run(() => this.insert(input));
  }

  addMany(all: readonly NewCaseUpdate[]): Promise<CaseUpdate[]> {
    return run(() => this.db.transaction(() => all.map((input) => this.insert(input))).immediate());
  }

  redact(id: string, replacement: Pick<CaseUpdate, 'text' | 'by'>): Promise<CaseUpdate> {
    return run(() =>
      this.db
        .transaction((): CaseUpdate => {
          const data = this.selectOne.get(id);
          if (data === undefined) throw new NotFoundError(`Case update ${id}`);
          const current = decodeRow(caseUpdateSchema, 'case_updates', id, data);
          const update = validateRecord(caseUpdateSchema, 'Case update', {
            ...current,
            text: replacement.text,
            by: replacement.by,
          });
          this.updateData.run(JSON.stringify(update), id);
          return update;
        })
        .immediate(),
    );
  }

  private insert(input: NewCaseUpdate): CaseUpdate {
    const update = validateRecord(caseUpdateSchema, 'Case update', { ...input, id: newId() });
    this.insertRow.run(update.id, update.caseRef, Date.parse(update.at), JSON.stringify(update));
    return update;
  }
}
