/**
 * The admin's subject access export (issue 18; case.subjectAccess): for one child, by case ref, a .docx
 * to review (third parties' names marked [for review]) and send, or the complete .json. Both are
 * audited. The admin reads no case in the tab, so the export is asked for here, by ref.
 */
import { Field, Input } from '@fluentui/react-components';
import { useState } from 'react';
import { SubjectAccessButtons } from '../common/SubjectAccessButtons';
import { useAdminStyles } from './Admin.styles';

export function SubjectAccessPage() {
  const styles = useAdminStyles();
  const [ref, setRef] = useState('');
  const caseRef = ref.trim().toUpperCase();
  return (
    <section className={styles.root} aria-labelledby="subject-access-title">
      <h1 id="subject-access-title" className={styles.title}>
        Subject access
      </h1>
      <p className={styles.lead}>
        Everything the app holds about one child, to answer a subject access request: the case, timeline,
        actions, meetings and minutes about them, escalations, list checks, disclosures and who viewed or
        changed the record. Nothing about another child is included. Names of other people are marked [for
        review]: check them before anything is sent. Each export is recorded in the audit log.
      </p>
      <Field label="Case ref" hint="For example CMOE-0042">
        <Input value={ref} onChange={(_, d) => setRef(d.value)} />
      </Field>
      <div className={styles.row}>
        <SubjectAccessButtons caseRef={caseRef} />
      </div>
    </section>
  );
}
