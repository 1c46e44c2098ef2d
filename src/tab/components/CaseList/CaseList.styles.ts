import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const ROW_HEIGHT = 48;

export const useCaseListStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    flexGrow: 1,
    minHeight: 0,
  },
  titleRow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
  },
  title: {
    ...typographyStyles.title3,
    margin: 0,
  },
  count: {
    color: tokens.colorNeutralForeground2,
  },
  spacer: { flexGrow: 1 },
  views: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  viewsLabel: {
    ...typographyStyles.caption1Strong,
    color: tokens.colorNeutralForeground2,
  },
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  search: { width: '260px', maxWidth: '100%' },
  dropdown: { width: '170px' },
  wideDropdown: { width: '240px' },
  checks: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
  },
  scroller: {
    flexGrow: 1,
    minHeight: '240px',
    overflow: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    position: 'relative',
  },
  table: {
    width: '100%',
  },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  headerCell: {
    ...typographyStyles.body1Strong,
    whiteSpace: 'nowrap',
  },
  body: {
    position: 'relative',
  },
  row: {
    position: 'absolute',
    top: 0,
    left: 0,
    width: '100%',
    boxSizing: 'border-box',
    cursor: 'pointer',
    // The row of the focused link stands out too, not just the link.
    ':focus-within': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  cell: {
    overflow: 'hidden',
    minWidth: 0,
    boxSizing: 'border-box',
  },
  nowrap: {
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  rowLink: {
    fontWeight: tokens.fontWeightSemibold,
    whiteSpace: 'nowrap',
    ':focus-visible': {
      outlineWidth: tokens.strokeWidthThick,
      outlineStyle: 'solid',
      outlineColor: tokens.colorStrokeFocus2,
      outlineOffset: '2px',
      borderRadius: tokens.borderRadiusSmall,
    },
  },
  muted: { color: tokens.colorNeutralForeground3 },
  overdueDate: {
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalXL,
  },
});
