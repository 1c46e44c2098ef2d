/**
 * The calls of the disclosure log (issue 18): a case's disclosures, recording one, and the log of all
 * (chair and admin, without the free text); and the admin's subject access export. Types from the contract.
 */
import type { BodyOf, ResponseOf } from '../../contract/types';
import type { DisclosureSummary, DisclosureView } from '../../domain/disclosures';
import { type Call, type DownloadedFile, type Send, urlOf } from './transport';

export type { DisclosureSummary, DisclosureView };

/** The body of POST /api/cases/:ref/disclosures (the server validates it: disclosureFieldsSchema). */
export type DisclosureBody = BodyOf<'recordDisclosure'>;

export interface DisclosureApi {
  listCaseDisclosures(ref: string): Promise<ResponseOf<'listCaseDisclosures'>>;
  recordDisclosure(ref: string, body: DisclosureBody): Promise<ResponseOf<'recordDisclosure'>>;
  listDisclosures(): Promise<ResponseOf<'listDisclosures'>>;
  /** The admin's subject access export of one child (.docx to review and send, or .json). */
  downloadSubjectAccess(ref: string, format: 'docx' | 'json'): Promise<DownloadedFile>;
}

export function disclosureApi(send: Send, call: Call): DisclosureApi {
  return {
    listCaseDisclosures: (ref) => send('listCaseDisclosures', { params: { ref } }),
    recordDisclosure: (ref, body) => send('recordDisclosure', { params: { ref }, body }),
    listDisclosures: () => send('listDisclosures', {}),
    downloadSubjectAccess: (ref, format) =>
      call.download(urlOf('downloadSubjectAccess', { ref }, { format })),
  };
}
