/**
 * Issue 18: a disclosure recorded in a meeting (its `meetingId`) is in that meeting's minutes, content and
 * .docx, with what was shared, why, the lawful basis and who authorised it; one recorded elsewhere is not.
 */
import { renderMinutesDocx } from '../../src/documents/minutesDocx';
import { minutesContentFrom } from '../../src/documents/minutesRecord';
import { minutesContentSchema } from '../../src/domain/minutes';
import { openSqliteStore } from '../../src/store/sqlite';
import { docxParagraphs, zipFiles } from '../helpers/docxText';
import { instant, sampleCase, sampleDisclosure, sampleMeeting } from '../helpers/sampleRecords';

test('the minutes list the disclosures recorded in the meeting, and only those', async () => {
  const store = openSqliteStore(':memory:');
  try {
    const child = await store.cases.create(
      sampleCase({ firstName: 'Quentin', lastName: 'Example' }),
      instant(0),
    );
    const meeting = await store.meetings.create(sampleMeeting(), instant(0));
    await store.disclosures.append(
      sampleDisclosure(child.ref, {
        meetingId: meeting.id,
        details: 'Shared the last known address (synthetic)',
        categories: ['health', 'whereabouts'],
        specialCategory: 'art9-2g-sch1-para18',
      }),
    );
    await store.disclosures.append(sampleDisclosure(child.ref, { details: 'Between meetings (synthetic)' }));
    const content = await minutesContentFrom(store, meeting);
    expect(minutesContentSchema.parse(content)).toEqual(content);
    expect(content.disclosures).toEqual([
      {
        caseRef: child.ref,
        childName: 'Quentin Example',
        disclosedOn: '2025-03-03',
        to: 'Example Police, Missing persons coordinator',
        shared:
          'Health (special category); Known or suspected whereabouts. Shared the last known address (synthetic)',
        reason: 'Believed to be at risk of exploitation; whereabouts unknown for two weeks',
        basis:
          'UK GDPR Art 6(1)(e): public task; Art 9(2)(g) with DPA 2018 Sch 1 para 18: safeguarding of children and of individuals at risk',
        authorisedBy: 'Chair Example (Chair, CMOE group)',
        correction: false,
      },
    ]);
    const bytes = await renderMinutesDocx(content);
    const text = docxParagraphs(bytes).join('\n');
    expect(text).toContain('Disclosures under the child-protection override');
    expect(text).toContain('Shared the last known address (synthetic)');
    expect(text).toContain('DPA 2018 Sch 1 para 18');
    expect(text).not.toContain('Between meetings (synthetic)');
    expect(zipFiles(Buffer.from(bytes)).has('word/document.xml')).toBe(true);
  } finally {
    await store.close();
  }
});

test('minutes of a meeting without disclosures have no disclosure section', async () => {
  const store = openSqliteStore(':memory:');
  try {
    const meeting = await store.meetings.create(sampleMeeting(), instant(0));
    const content = await minutesContentFrom(store, meeting);
    expect(content.disclosures).toBeUndefined();
    expect(docxParagraphs(await renderMinutesDocx(content)).join('\n')).not.toContain('Disclosures under');
  } finally {
    await store.close();
  }
});
