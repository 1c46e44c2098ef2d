import type Database from 'better-sqlite3';
import { disclosureSchema, type Disclosure } from '../../domain/disclosures';
import type { CaseRef } from '../../domain/types';
import { newId } from '../ids';
import type { DisclosureStore, NewDisclosure } from '../ports';
import { validateRecord } from '../records';
import { decodeRow, run } from './records';

/**
 * The disclosure log: append-only here (no update or delete method) and in the database (migration 0004's
 * triggers refuse UPDATE and DELETE). Oldest first, ties in the order added.
 */
export class SqliteDisclosureStore implements DisclosureStore {
  private readonly selectByCase: Database.Statement;
  private readonly selectAll: Database.Statement;
  private readonly insertRow: Database.Statement;

  constructor(db: Database.Database) {
    this.selectByCase = db
      .prepare('SELECT id, data FROM disclosures WHERE case_ref = ? ORDER BY at_ms, seq')
      .raw(true);
    this.selectAll = db.prepare('SELECT id, data FROM disclosures ORDER BY at_ms, seq').raw(true);
    this.insertRow = db.prepare('INSERT INTO disclosures (id, case_ref, at_ms, data) VALUES (?, ?, ?, ?)');
  }

  append(input: NewDisclosure): Promise<Disclosure> {
    return run(() => {
      const d = validateRecord(disclosureSchema, 'Disclosure', { ...input, id: newId() });
      this.insertRow.run(d.id, d.caseRef, Date.parse(d.recordedAt), JSON.stringify(d));
      return d;
    });
  }

  listByCase(caseRef: CaseRef): Promise<Disclosure[]> {
    return run(() => this.decode(this.selectByCase.all(caseRef)));
  }

  listAll(): Promise<Disclosure[]> {
    return run(() => this.decode(this.selectAll.all()));
  }

  private decode(rows: unknown[]): Disclosure[] {
    return (rows as [string, unknown][]).map(([id, data]) =>
      decodeRow(disclosureSchema, 'disclosures', id, data),
    );
  }
}
