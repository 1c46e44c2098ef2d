import type Database from 'better-sqlite3';
import { z } from 'zod';
import { minutesContentSchema, type MinutesContent } from '../../domain/minutes';
import { instantSchema } from '../../domain/types';
import type { MinutesDocument, MinutesRecord, MinutesStore } from '../ports';
import { validateMinutesContent, validateRecord } from '../records';
import { StoredRecordError, decodeRow, run } from './records';

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

/**
 * Minutes documents, one per meeting, the bytes in a BLOB and the content they were rendered from as
 * JSON in `content` (NULL for minutes stored before migration 0002).
 */
export class SqliteMinutesStore implements MinutesStore {
  private readonly upsert: Database.Statement;
  private readonly selectOne: Database.Statement;
  private readonly selectContent: Database.Statement;

  constructor(db: Database.Database) {
    this.upsert = db.prepare(`
      INSERT INTO minutes (meeting_id, file_name, content_type, bytes, created_at, content)
      VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (meeting_id) DO UPDATE SET
        file_name = excluded.file_name, content_type = excluded.content_type,
        bytes = excluded.bytes, created_at = excluded.created_at, content = excluded.content`);
    this.selectOne = db.prepare(
      'SELECT meeting_id, file_name, content_type, bytes, created_at FROM minutes WHERE meeting_id = ?',
    );
    this.selectContent = db.prepare('SELECT content FROM minutes WHERE meeting_id = ?');
  }

  put(record: MinutesRecord): Promise<void> {
    return run(() => {
      const meta = validateRecord(minutesMetaSchema, 'Minutes document', record);
      if (!(record.bytes instanceof Uint8Array)) {
        validateRecord(z.object({ bytes: z.instanceof(Uint8Array) }), 'Minutes document', record);
      }
      const content = validateMinutesContent(meta.meetingId, record.content);
      const bytes = Buffer.from(record.bytes.buffer, record.bytes.byteOffset, record.bytes.byteLength);
      this.upsert.run(
        meta.meetingId,
        meta.fileName,
        meta.contentType,
        bytes,
        meta.createdAt,
        JSON.stringify(content),
      );
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

  getContent(meetingId: string): Promise<MinutesContent | null> {
    return run(() => {
      const row = this.selectContent.get(meetingId) as { content: unknown } | undefined;
      if (!row || row.content === null) return null;
      const content = decodeRow(minutesContentSchema, 'minutes', meetingId, row.content);
      if (content.meetingId !== meetingId) {
        throw new StoredRecordError('minutes', meetingId, 'does not match the schema');
      }
      return content;
    });
  }
}
