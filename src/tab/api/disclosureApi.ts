/**
 * The calls of the disclosure log (issue 18): a case's disclosures, recording one, and the log of all
 * (chair and admin, without the free text). Built on the shared transport.
 */
import type { DisclosureSummary, DisclosureView } from '../../domain/disclosures';
import type {
  Article6Basis,
  DisclosureCategory,
  SpecialCategoryCondition,
} from '../../domain/disclosureLabels';
import type { LocalDate } from '../../domain/types';
import type { Call, DownloadedFile } from './transport';

export type { DisclosureSummary, DisclosureView };

/** The body of POST /api/cases/:ref/disclosures (the server validates it: disclosureFieldsSchema). */
export interface DisclosureBody {
  disclosedOn: LocalDate;
  recipient: { agency: string; role: string; name: string | null };
  categories: DisclosureCategory[];
  details: string;
  reason: string;
  article6: Article6Basis;
  specialCategory: SpecialCategoryCondition;
  authorisedBy: { name: string; role: string };
  meetingId?: string | null;
  corrects?: string | null;
}

export interface DisclosureApi {
  listCaseDisclosures(ref: string): Promise<DisclosureView[]>;
  recordDisclosure(ref: string, body: DisclosureBody): Promise<DisclosureView>;
  listDisclosures(): Promise<DisclosureSummary[]>;
  /** The admin's subject access export of one child (.docx to review and send, or .json). */
  downloadSubjectAccess(ref: string, format: 'docx' | 'json'): Promise<DownloadedFile>;
}

export function disclosureApi(call: Call): DisclosureApi {
  const enc = encodeURIComponent;
  return {
    listCaseDisclosures: (ref) => call('GET', `/api/cases/${enc(ref)}/disclosures`),
    recordDisclosure: (ref, body) => call('POST', `/api/cases/${enc(ref)}/disclosures`, { body }),
    listDisclosures: () => call('GET', '/api/disclosures'),
    downloadSubjectAccess: (ref, format) =>
      call.download(`/api/cases/${enc(ref)}/subject-access?format=${format}`),
  };
}
