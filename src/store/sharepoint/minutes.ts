import { z } from 'zod';
import { GraphRequestError, graphErrorCode, type GraphTransport } from './graph';
import { seg, type SiteLists } from './items';
import { decodeMinutesMeta, encodeMinutesMeta, minutesFileName, minutesMetaSchema } from './mapper';
import type { MinutesDocument, MinutesStore } from '../ports';
import { validateRecord } from '../records';

const driveSchema = z.object({ id: z.string().min(1) });
const driveItemSchema = z.object({ id: z.string().min(1) });

/**
 * Minutes documents in the minutes document library, one file per meeting (`{meetingId}.docx`), so a
 * second upload replaces the first. The meeting id, the document's own file name, content type and
 * creation instant sit in the library's columns. A put is two requests (upload, then the columns); a crash
 * between them leaves the new bytes with the old details until the next put.
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

  async put(doc: MinutesDocument): Promise<void> {
    const meta = validateRecord(minutesMetaSchema, 'Minutes document', doc);
    if (!(doc.bytes instanceof Uint8Array)) {
      validateRecord(z.object({ bytes: z.instanceof(Uint8Array) }), 'Minutes document', doc);
    }
    const drive = await this.drive();
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
}
