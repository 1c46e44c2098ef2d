/**
 * Concern, status and flags as Fluent badges. Each carries its words (and an icon for the serious
 * ones), so colour is never the only signal.
 */
import {
  Clock16Regular,
  ErrorCircle16Filled,
  Gavel16Regular,
  HatGraduation16Regular,
  Pause16Regular,
  PeopleTeam16Regular,
  ShieldError16Filled,
  Warning16Filled,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import { CASE_STATUS_LABELS, CONCERN_LABELS } from '../../../domain/labels';
import type { CaseStatus, Concern } from '../../../domain/types';
import type { CaseSummary } from '../../../domain/views';
import { useBadgeStyles } from './CaseBadges.styles';
import { Badge, type BadgeProps } from '@fluentui/react-components';

const CONCERN_COLOUR: Record<Concern, BadgeProps['color']> = {
  high: 'danger',
  medium: 'warning',
  low: 'informative',
};

export function ConcernBadge({ concern }: { concern: Concern }) {
  return (
    <Badge
      appearance="tint"
      color={CONCERN_COLOUR[concern]}
      icon={concern === 'high' ? <Warning16Filled /> : undefined}
    >
      {CONCERN_LABELS[concern]}
      <span className="visually-hidden"> concern</span>
    </Badge>
  );
}

const STATUS_COLOUR: Record<CaseStatus, BadgeProps['color']> = {
  referred: 'brand',
  open: 'informative',
  // 'severe' outline text falls short of 4.5:1 contrast on the light theme (axe-core).
  escalated: 'danger',
  monitoring: 'success',
  // 'subtle' outline is white text, for dark surfaces: invisible on the light theme (axe-core).
  closed: 'informative',
};

export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <Badge appearance="outline" color={STATUS_COLOUR[status]}>
      {CASE_STATUS_LABELS[status]}
    </Badge>
  );
}

export type FlagKey = keyof CaseSummary['flags'];

interface FlagDef {
  label: string;
  description: string;
  icon: ReactElement;
  color: BadgeProps['color'];
}

/** The flags, most serious first, with the words a member reads. */
export const FLAG_DEFS: Record<FlagKey, FlagDef> = {
  cseRisk: {
    label: 'CSE risk',
    description: 'On the child sexual exploitation list',
    icon: <ShieldError16Filled />,
    color: 'danger',
  },
  stuck: {
    label: 'Stuck',
    description: 'No progress, repeated deferrals, or marked stuck by the chair',
    icon: <Pause16Regular />,
    color: 'severe',
  },
  overdue: {
    label: 'Overdue',
    description: 'An action is past its due date',
    icon: <Clock16Regular />,
    color: 'warning',
  },
  statutory: {
    label: 'Statutory',
    description: 'A statutory prompt is due (day-6 provision or part-time timetable)',
    icon: <Gavel16Regular />,
    color: 'important',
  },
  socialCare: {
    label: 'Social care',
    description: "Known to Children's Social Care",
    icon: <PeopleTeam16Regular />,
    color: 'informative',
  },
  ehcp: {
    label: 'EHCP',
    description: 'Has an education, health and care plan',
    icon: <HatGraduation16Regular />,
    color: 'informative',
  },
};

const FLAG_ORDER: FlagKey[] = ['cseRisk', 'stuck', 'overdue', 'statutory', 'socialCare', 'ehcp'];

export function flagsOf(flags: CaseSummary['flags']): FlagKey[] {
  return FLAG_ORDER.filter((k) => flags[k]);
}

export function FlagBadges({
  flags,
  size = 'small',
}: {
  flags: CaseSummary['flags'];
  size?: BadgeProps['size'];
}) {
  const styles = useBadgeStyles();
  const on = flagsOf(flags);
  if (on.length === 0) return <span className={styles.none}>None</span>;
  return (
    <span className={styles.flags}>
      {on.map((k) => {
        const d = FLAG_DEFS[k];
        return (
          <Badge key={k} size={size} appearance="tint" color={d.color} icon={d.icon} title={d.description}>
            {d.label}
          </Badge>
        );
      })}
    </span>
  );
}

export function ProblemIcon() {
  return <ErrorCircle16Filled />;
}
