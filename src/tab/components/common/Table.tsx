/**
 * Tables drawn like Fluent's Table, with the same component names and the props the tab uses. Fluent's
 * Table brings its composite navigation and selection cells (some 12 KB gzipped per module) to tables
 * that need neither: these are native <table> elements, or with `noNativeElements` divs with the same
 * ARIA roles (the virtualised CMOE list positions its rows). A sortable header cell holds a real
 * button, and `aria-sort` says the order.
 */
import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowUpRegular } from '@fluentui/react-icons';
import { type HTMLAttributes, type ReactNode, createContext, useContext } from 'react';

const useStyles = makeStyles({
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    tableLayout: 'fixed',
    backgroundColor: tokens.colorSubtleBackground,
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground1,
  },
  divTable: { display: 'block' },
  divGroup: { display: 'block' },
  row: {
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    color: tokens.colorNeutralForeground1,
  },
  bodyRow: {
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':active': { backgroundColor: tokens.colorSubtleBackgroundPressed },
  },
  divRow: { display: 'flex', alignItems: 'center' },
  cell: {
    height: '44px',
    padding: `0 ${tokens.spacingHorizontalS}`,
    verticalAlign: 'middle',
    textAlign: 'start',
    boxSizing: 'border-box',
  },
  small: { height: '34px' },
  divCell: { display: 'flex', alignItems: 'center', minWidth: 0, flex: '1 1 0px', height: '100%' },
  header: { fontWeight: tokens.fontWeightRegular },
  sortButton: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    width: '100%',
    height: '100%',
    padding: 0,
    border: 'none',
    background: 'none',
    font: 'inherit',
    color: 'inherit',
    textAlign: 'start',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': {
      outlineStyle: 'solid',
      outlineWidth: tokens.strokeWidthThick,
      outlineColor: tokens.colorStrokeFocus2,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
      borderRadius: tokens.borderRadiusMedium,
    },
  },
  sortIcon: { display: 'inline-flex', fontSize: '12px' },
});

interface TableSettings {
  noNativeElements: boolean;
  sortable: boolean;
  small: boolean;
}
const Settings = createContext<TableSettings>({ noNativeElements: false, sortable: false, small: false });
const InHeader = createContext(false);

type Props = HTMLAttributes<HTMLElement> & { children?: ReactNode; 'data-index'?: number };

export function Table({
  noNativeElements = false,
  sortable = false,
  size,
  className,
  ...rest
}: Props & { noNativeElements?: boolean; sortable?: boolean; size?: 'small' | 'medium' }) {
  const styles = useStyles();
  const cls = mergeClasses(styles.table, noNativeElements && styles.divTable, className);
  return (
    <Settings.Provider value={{ noNativeElements, sortable, small: size === 'small' }}>
      {noNativeElements ? (
        <div role="table" className={cls} {...rest} />
      ) : (
        <table className={cls} {...rest} />
      )}
    </Settings.Provider>
  );
}

export function TableHeader({ className, ...rest }: Props) {
  const styles = useStyles();
  const { noNativeElements } = useContext(Settings);
  const cls = mergeClasses(noNativeElements && styles.divGroup, className);
  return (
    <InHeader.Provider value={true}>
      {noNativeElements ? (
        <div role="rowgroup" className={cls} {...rest} />
      ) : (
        <thead className={cls} {...rest} />
      )}
    </InHeader.Provider>
  );
}

export function TableBody({ className, ...rest }: Props) {
  const styles = useStyles();
  const { noNativeElements } = useContext(Settings);
  const cls = mergeClasses(noNativeElements && styles.divGroup, className);
  return noNativeElements ? (
    <div role="rowgroup" className={cls} {...rest} />
  ) : (
    <tbody className={cls} {...rest} />
  );
}

export function TableRow({ className, ...rest }: Props) {
  const styles = useStyles();
  const { noNativeElements } = useContext(Settings);
  const header = useContext(InHeader);
  const cls = mergeClasses(
    styles.row,
    !header && styles.bodyRow,
    noNativeElements && styles.divRow,
    className,
  );
  return noNativeElements ? <div role="row" className={cls} {...rest} /> : <tr className={cls} {...rest} />;
}

export function TableCell({ className, ...rest }: Props) {
  const styles = useStyles();
  const { noNativeElements, small } = useContext(Settings);
  const cls = mergeClasses(styles.cell, small && styles.small, noNativeElements && styles.divCell, className);
  return noNativeElements ? <div role="cell" className={cls} {...rest} /> : <td className={cls} {...rest} />;
}

export function TableHeaderCell({
  className,
  sortDirection,
  onClick,
  children,
  ...rest
}: Props & { sortDirection?: 'ascending' | 'descending' }) {
  const styles = useStyles();
  const { noNativeElements, sortable, small } = useContext(Settings);
  const cls = mergeClasses(
    styles.cell,
    styles.header,
    small && styles.small,
    noNativeElements && styles.divCell,
    className,
  );
  const content = sortable ? (
    <button type="button" className={styles.sortButton} onClick={onClick}>
      {children}
      {sortDirection && (
        <span className={styles.sortIcon}>
          {sortDirection === 'ascending' ? <ArrowUpRegular /> : <ArrowDownRegular />}
        </span>
      )}
    </button>
  ) : (
    children
  );
  const own: HTMLAttributes<HTMLElement> = {
    className: cls,
    'aria-sort': sortable ? (sortDirection ?? 'none') : undefined,
    ...rest,
  };
  return noNativeElements ? (
    <div role="columnheader" {...own}>
      {content}
    </div>
  ) : (
    <th scope="col" {...own} onClick={sortable ? undefined : onClick}>
      {content}
    </th>
  );
}
