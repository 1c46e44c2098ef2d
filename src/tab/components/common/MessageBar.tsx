/**
 * Message bars with Fluent's names, props the tab uses (intent, layout), look (its tokens, intent
 * icons) and semantics (role group, named by its title). Fluent's own brings a motion context and a
 * reflow observer (some 9 KB gzipped per module) for bars that neither animate nor need measuring here:
 * `auto` lays the body out in one row that wraps. Fluent's bar announces itself only through an
 * AnnounceProvider, which the tab does not mount; live text here uses role="status" / "alert" itself.
 */
import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import {
  CheckmarkCircleFilled,
  DiamondDismissFilled,
  InfoFilled,
  WarningFilled,
} from '@fluentui/react-icons';
import { type ReactNode, createContext, useContext, useId, useLayoutEffect, useMemo, useState } from 'react';

type Intent = 'info' | 'success' | 'warning' | 'error';

// Griffel's `shorthands` helper object costs more than these four longhands.
const borderColour = (c: string) => ({
  borderTopColor: c,
  borderRightColor: c,
  borderBottomColor: c,
  borderLeftColor: c,
});

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr auto auto',
    gridTemplateAreas: '"icon body secondaryActions actions"',
    alignItems: 'center',
    minHeight: '36px',
    paddingLeft: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground3,
  },
  multiline: {
    alignItems: 'start',
    paddingTop: tokens.spacingVerticalMNudge,
    paddingBottom: tokens.spacingVerticalS,
    gridTemplateColumns: 'auto 1fr auto',
    gridTemplateAreas: '"icon body actions" "secondaryActions secondaryActions secondaryActions"',
  },
  error: {
    backgroundColor: tokens.colorStatusDangerBackground1,
    ...borderColour(tokens.colorStatusDangerBorder1),
  },
  warning: {
    backgroundColor: tokens.colorStatusWarningBackground1,
    ...borderColour(tokens.colorStatusWarningBorder1),
  },
  success: {
    backgroundColor: tokens.colorStatusSuccessBackground1,
    ...borderColour(tokens.colorStatusSuccessBorder1),
  },
  info: {},
  icon: {
    gridArea: 'icon',
    display: 'flex',
    alignItems: 'center',
    marginRight: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase500,
    color: tokens.colorNeutralForeground3,
  },
  iconError: { color: tokens.colorStatusDangerForeground1 },
  iconWarning: { color: tokens.colorStatusWarningForeground3 },
  iconSuccess: { color: tokens.colorStatusSuccessForeground1 },
  body: {
    ...typographyStyles.body1,
    gridArea: 'body',
    paddingRight: tokens.spacingHorizontalM,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  title: {
    ...typographyStyles.body1Strong,
    '::after': { content: '" "' },
  },
  actions: {
    gridArea: 'secondaryActions',
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    paddingRight: tokens.spacingHorizontalM,
  },
  actionsMultiline: {
    justifyContent: 'end',
    marginTop: tokens.spacingVerticalMNudge,
  },
  // A dismiss button: at the end of the first row.
  containerAction: { gridArea: 'actions', paddingRight: tokens.spacingHorizontalM },
});

const ICONS: Record<Intent, ReactNode> = {
  info: <InfoFilled />,
  success: <CheckmarkCircleFilled />,
  warning: <WarningFilled />,
  error: <DiamondDismissFilled />,
};

interface BarContext {
  titleId: string;
  multiline: boolean;
  setTitled(titled: boolean): void;
}
const Bar = createContext<BarContext>({ titleId: '', multiline: false, setTitled: () => undefined });

export function MessageBar({
  intent = 'info',
  layout = 'auto',
  className,
  children,
}: {
  intent?: Intent;
  layout?: 'auto' | 'singleline' | 'multiline';
  className?: string;
  children: ReactNode;
}) {
  const styles = useStyles();
  const titleId = useId();
  const [titled, setTitled] = useState(false);
  const multiline = layout === 'multiline';
  const ctx = useMemo(() => ({ titleId, multiline, setTitled }), [titleId, multiline]);
  const iconIntent = {
    info: undefined,
    success: styles.iconSuccess,
    warning: styles.iconWarning,
    error: styles.iconError,
  };
  return (
    <Bar.Provider value={ctx}>
      <div
        role="group"
        aria-labelledby={titled ? titleId : undefined}
        className={mergeClasses(styles.root, multiline && styles.multiline, styles[intent], className)}
      >
        <div className={mergeClasses(styles.icon, iconIntent[intent])}>{ICONS[intent]}</div>
        {children}
      </div>
    </Bar.Provider>
  );
}

export function MessageBarBody({ children }: { children?: ReactNode }) {
  return <div className={useStyles().body}>{children}</div>;
}

export function MessageBarTitle({ children }: { children?: ReactNode }) {
  const { titleId, setTitled } = useContext(Bar);
  // The bar is named by its title only when it has one.
  useLayoutEffect(() => {
    setTitled(true);
    return () => setTitled(false);
  }, [setTitled]);
  return (
    <span id={titleId} className={useStyles().title}>
      {children}
    </span>
  );
}

export function MessageBarActions({
  children,
  containerAction,
}: {
  children?: ReactNode;
  /** A button for the bar itself (dismiss), at the end of its first row. */
  containerAction?: ReactNode;
}) {
  const styles = useStyles();
  const { multiline } = useContext(Bar);
  return (
    <>
      {children !== undefined && (
        <div className={mergeClasses(styles.actions, multiline && styles.actionsMultiline)}>{children}</div>
      )}
      {containerAction && <div className={styles.containerAction}>{containerAction}</div>}
    </>
  );
}
