import type Database from 'better-sqlite3';
import { z } from 'zod';
import { instantSchema } from '../../domain/types';
import type { MinutesDocument, MinutesStore } from '../ports';
import { validateRecord } from '../records';
import { StoredRecordError, run } from './records';

const minutesMetaSchema = z.object({
  meetingId: z.string().min(1),
  fileName: z.string().trim().min(1).max(255),
  contentType: z.string().trim().min(1).max(255),
  createdAt: instantSchema,
});

interface MinutesRow {
  meeting_id: string;
  file_name: string;
  content_type: string;
  bytes: unknown;
  created_at: string;
}

/** Minutes documents, one per meeting, the bytes in a BLOB. */
export class SqliteMinutesStore implements MinutesStore {
  private readonly upsert: Database.Statement;
  private readonly selectOne: Database.Statement;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(`
      INSERT INTO minutes (meeting_id, file_name, content_type, bytes, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (meeting_id) DO UPDATE SET
        file_name = excluded.file_name, content_type = excluded.content_type,
        bytes = excluded.bytes, created_at = excluded.created_at`);
    this.selectOne = db.prepare('SELECT * FROM minutes WHERE meeting_id = ?');
  }

  put(doc: MinutesDocument): Promise<void> {
    return run(() => {
      const meta = validateRecord(minutesMetaSchema, 'Minutes document', doc);
      if (!(doc.bytes instanceof Uint8Array)) {
        validateRecord(z.object({ bytes: z.instanceof(Uint8Array) }), 'Minutes document', doc);
      }
      const bytes = Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset, doc.bytes.byteLength);
      this.upsert.run(meta.meetingId, meta.fileName, meta.contentType, bytes, meta.createdAt);
    });
  }

  get(meetingId: string): Promise<MinutesDocument | null> {
    return run(() => {
      const row = this.selectOne.get(meetingId) as MinutesRow | undefined;
      if (!row) return null;
      if (!(row.bytes instanceof Uint8Array)) {
        throw new StoredRecordError('minutes', meetingId, 'does not match the schema');
      }
      return {
        meetingId: row.meeting_id,
        fileName: row.file_name,
        contentType: row.content_type,
        bytes: new Uint8Array(row.bytes),
        createdAt: row.created_at,
      };
    });
  }
}
