import { z } from 'zod';
import { GraphRequestError, graphErrorCode, type GraphTransport } from './graph';
import { seg, type SiteLists } from './items';
import { minutesContentSchema, type MinutesContent } from '../../domain/minutes';
import {
  decodeMinutesMeta,
  encodeMinutesMeta,
  minutesFileName,
  minutesMetaSchema,
  StoredItemError,
} from './mapper';
import type { MinutesDocument, MinutesRecord, MinutesStore } from '../ports';
import { validateMinutesContent, validateRecord } from '../records';

const driveSchema = z.object({ id: z.string().min(1) });
const driveItemSchema = z.object({ id: z.string().min(1) });

/**
 * Minutes documents in the minutes document library, one file per meeting (`{meetingId}.docx`), so a
 * second upload replaces the first. The meeting id, the document's own file name, content type and
 * creation instant sit in the library's columns. The content the document was rendered from is a second
 * file beside it (`{meetingId}.json`): a file, not a column, because a note column stops at 63,999
 * characters and a long meeting's minutes pass that; and reading it is one request, without the document.
 * A put is three requests (the content, the document, then the columns); a crash between them leaves
 * the new files with the old details until the next put (finishing a meeting stores the minutes before
 * it marks the meeting completed, so that put is retried).
 */
export class SharePointMinutesStore implements MinutesStore {
  private driveId: Promise<string> | null = null;

  constructor(
    private readonly graph: GraphTransport,
    private readonly site: SiteLists,
  ) {}

  private drive(): Promise<string> {
    if (!this.driveId) {
      this.driveId = (async () => {
        const listId = await this.site.listId(this.graph, 'minutes');
        const res = await this.graph.expect(
          'find the minutes library',
          'GET',
          `${this.site.sitePath}/lists/${seg(listId)}/drive`,
          [200],
        );
        const drive = driveSchema.safeParse(res.json);
        if (!drive.success) throw new GraphRequestError('find the minutes library', 200, 'malformedDrive');
        return drive.data.id;
      })();
      this.driveId.catch(() => {
        this.driveId = null;
      });
    }
    return this.driveId;
  }

  async put(doc: MinutesRecord): Promise<void> {
    const meta = validateRecord(minutesMetaSchema, 'Minutes document', doc);
    if (!(doc.bytes instanceof Uint8Array)) {
      validateRecord(z.object({ bytes: z.instanceof(Uint8Array) }), 'Minutes document', doc);
    }
    const content = validateMinutesContent(meta.meetingId, doc.content);
    const drive = await this.drive();
    await this.graph.expect(
      'upload minutes content',
      'PUT',
      `/drives/${seg(drive)}/root:/${seg(minutesFileName(meta.meetingId, 'json'))}:/content`,
      [200, 201],
      {
        body: Buffer.from(JSON.stringify(content), 'utf8'),
        headers: { 'Content-Type': 'application/octet-stream' },
      },
    );
    // A copy, exactly the view's bytes (the Graph client would send a typed array's whole buffer).
    const body = Buffer.from(doc.bytes);
    const uploaded = await this.graph.expect(
      'upload minutes',
      'PUT',
      `/drives/${seg(drive)}/root:/${seg(minutesFileName(meta.meetingId))}:/content`,
      [200, 201],
      { body, headers: { 'Content-Type': 'application/octet-stream' } },
    );
    const item = driveItemSchema.safeParse(uploaded.json);
    if (!item.success) throw new GraphRequestError('upload minutes', uploaded.status, 'malformedDriveItem');
    await this.graph.expect(
      'record the minutes details',
      'PATCH',
      `/drives/${seg(drive)}/items/${seg(item.data.id)}/listItem/fields`,
      [200],
      { body: encodeMinutesMeta(meta) },
    );
  }

  async get(meetingId: string): Promise<MinutesDocument | null> {
    const drive = await this.drive();
    const path = `/drives/${seg(drive)}/root:/${seg(minutesFileName(meetingId))}:`;
    const details = await this.graph.send('read minutes details', 'GET', `${path}/listItem?$expand=fields`);
    if (details.status === 404) return null;
    if (details.status !== 200) {
      throw new GraphRequestError('read minutes details', details.status, graphErrorCode(details.json));
    }
    const meta = decodeMinutesMeta(this.site.schema.lists.minutes, meetingId, details.json);
    const content = await this.graph.send('download minutes', 'GET', `${path}/content`, { bytes: true });
    if (content.status === 404) return null;
    if (content.status !== 200 || !content.bytes) {
      throw new GraphRequestError('download minutes', content.status, graphErrorCode(content.json));
    }
    return { ...meta, bytes: content.bytes };
  }

  async getContent(meetingId: string): Promise<MinutesContent | null> {
    const drive = await this.drive();
    const name = minutesFileName(meetingId, 'json');
    const res = await this.graph.send(
      'download minutes content',
      'GET',
      `/drives/${seg(drive)}/root:/${seg(name)}:/content`,
      { bytes: true },
    );
    // No file: no minutes, or minutes stored before their content was kept beside them.
    if (res.status === 404) return null;
    if (res.status !== 200 || !res.bytes) {
      throw new GraphRequestError('download minutes content', res.status, graphErrorCode(res.json));
    }
    const list = this.site.schema.lists.minutes.displayName;
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(res.bytes).toString('utf8'));
    } catch {
      throw new StoredItemError(list, name, 'its minutes content is not valid JSON');
    }
    const content = minutesContentSchema.safeParse(parsed);
    if (!content.success || content.data.meetingId !== meetingId) {
      throw new StoredItemError(list, name, 'its minutes content does not match the schema');
    }
    return content.data;
  }
}
