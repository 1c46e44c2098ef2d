/** My actions: what the signed-in user owns, overdue and due soon first, completed or extended in place. */
import { Button, Text } from '@fluentui/react-components';
import { ArrowClockwise20Regular } from '@fluentui/react-icons';
import type { CaseSummary } from '../../../domain/views';
import { useApp } from '../../app/AppContext';
import { todayLondon } from '../../lib/format';
import { pathOf } from '../../lib/router';
import { ActionCard } from '../Actions/ActionCard';
import { useActionStyles } from '../Actions/Actions.styles';
import { ProblemBar } from '../common/ProblemBar';
import { RouterLink } from '../common/RouterLink';
import { type MyActionsSection, SECTION_ORDER, useMyActions } from './useMyActions';
import { useMyActionsStyles } from './MyActions.styles';
import { Spinner } from '@fluentui/react-components';

const SECTION_TITLES: Record<MyActionsSection, string> = {
  overdue: 'Overdue',
  'due-soon': 'Due soon',
  later: 'Later',
};

export function MyActions({ cases }: { cases: CaseSummary[] }) {
  const styles = useMyActionsStyles();
  const actionStyles = useActionStyles();
  const { api } = useApp();
  const mine = useMyActions(api, todayLondon());
  const names = new Map(cases.map((c) => [c.ref, `${c.firstName} ${c.lastName}`]));
  const total = SECTION_ORDER.reduce((n, s) => n + mine.sections[s].length, 0);

  return (
    <section className={styles.root} aria-labelledby="my-actions-title">
      <div className={styles.titleRow}>
        <h1 id="my-actions-title" className={styles.title}>
          My actions
        </h1>
        <Text role="status">
          {mine.status === 'ready' ? `${total} open ${total === 1 ? 'action' : 'actions'}` : ''}
        </Text>
        <span className={styles.spacer} />
        <Button appearance="subtle" icon={<ArrowClockwise20Regular />} onClick={() => void mine.reload()}>
          Refresh
        </Button>
      </div>
      {mine.error && <ProblemBar error={mine.error} />}
      {mine.status === 'loading' && <Spinner label="Loading your actions…" />}
      {mine.status === 'ready' && total === 0 && (
        <Text className={styles.muted}>You have no open actions.</Text>
      )}
      {mine.status === 'ready' &&
        SECTION_ORDER.filter((s) => mine.sections[s].length > 0).map((s) => (
          <section key={s} className={styles.section} aria-labelledby={`sec-${s}`}>
            <h2 id={`sec-${s}`} className={styles.sectionTitle}>
              {SECTION_TITLES[s]} ({mine.sections[s].length})
            </h2>
            <ul className={actionStyles.list}>
              {mine.sections[s].map((a) => (
                <ActionCard
                  key={a.id}
                  action={a}
                  onChanged={mine.replace}
                  context={
                    <span className={styles.caseLink}>
                      <RouterLink href={pathOf({ name: 'case', ref: a.caseRef })}>
                        {a.caseRef}
                        {names.has(a.caseRef) ? ` · ${names.get(a.caseRef)}` : ''}
                      </RouterLink>
                    </span>
                  }
                />
              ))}
            </ul>
          </section>
        ))}
    </section>
  );
}
