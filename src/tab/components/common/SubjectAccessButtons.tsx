/**
 * The admin's two subject access downloads for one case (issue 18): on the Subject access page and, for
 * an admin who also reads cases, on the case. A static import of the case view, kept apart from the
 * lazily loaded page.
 */
import { Button } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useApp } from '../../app/AppContext';
import { saveFile } from '../../lib/download';
import { useSubmission } from '../../lib/useSubmission';
import { ProblemBar } from './ProblemBar';

const REF = /^CMOE-\d{4,}$/;

export function SubjectAccessButtons({ caseRef }: { caseRef: string }) {
  const { api } = useApp();
  const { busy, error, run } = useSubmission();
  const download = (format: 'docx' | 'json') =>
    run(async () => {
      const file = await api.downloadSubjectAccess(caseRef, format);
      saveFile(file.blob, file.fileName ?? `CMOE subject access ${caseRef}.${format}`);
    });
  const valid = REF.test(caseRef);
  return (
    <>
      <Button
        icon={<ArrowDownload20Regular />}
        disabled={busy || !valid}
        onClick={() => void download('docx')}
      >
        Subject access export (.docx)
      </Button>
      <Button disabled={busy || !valid} onClick={() => void download('json')}>
        Subject access export (.json)
      </Button>
      {error !== null && <ProblemBar error={error} />}
    </>
  );
}
