import type Database from 'better-sqlite3';
import { disclosureSchema, type Disclosure } from '../../domain/disclosures';
import type { DisclosureRedaction } from '../../domain/disposal';
import { NotFoundError } from '../../domain/errors';
import type { CaseRef } from '../../domain/types';
import { newId } from '../ids';
import type { DisclosureStore, NewDisclosure } from '../ports';
import { validateRecord } from '../records';
import { decodeRow, run } from './records';

/**
 * The disclosure log: append-only here (no update or delete method for users) and in the database
 * (migration 0004's trigger refuses DELETE; 0008's refuses every UPDATE but a disposal's redaction).
 * Oldest first, ties in the order added.
 */
export class SqliteDisclosureStore implements DisclosureStore {
  private readonly selectByCase: Database.Statement;
  private readonly selectAll: Database.Statement;
  private readonly insertRow: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly updateData: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.selectOne = db.prepare('SELECT data FROM disclosures WHERE id = ?').pluck(true);
    this.updateData = db.prepare('UPDATE disclosures SET data = ? WHERE id = ?');
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

  /** Disposal only: the trigger of migration 0008 refuses any other change to an entry. */
  redact(id: string, replacement: DisclosureRedaction): Promise<Disclosure> {
    return run(() =>
      this.db
        .transaction((): Disclosure => {
          const data = this.selectOne.get(id);
          if (data === undefined) throw new NotFoundError(`Disclosure ${id}`);
          const current = decodeRow(disclosureSchema, 'disclosures', id, data);
          const next = validateRecord(disclosureSchema, 'Disclosure', { ...current, ...replacement });
          this.updateData.run(JSON.stringify(next), id);
          return next;
        })
        .immediate(),
    );
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
