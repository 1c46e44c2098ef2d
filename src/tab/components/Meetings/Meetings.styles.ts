import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

/**
 * Everything wraps or stacks: the meeting side panel in Teams is 320 px wide, and nothing here may
 * scroll sideways there (long words break, tables become one labelled cell per line).
 */
export const useMeetingsStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '1100px',
    width: '100%',
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  title: {
    ...typographyStyles.title2,
    margin: 0,
    '@media (max-width: 480px)': { ...typographyStyles.title3 },
  },
  sectionTitle: { ...typographyStyles.subtitle1, margin: 0 },
  subTitle: { ...typographyStyles.subtitle2, margin: 0 },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  current: {
    border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}`,
  },
  forms: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 280px), 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  inline: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  grow: { flexGrow: 1, minWidth: 0 },
  person: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  personFields: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 12rem), 1fr))',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
  },
  narrowField: { flexBasis: '9rem', flexGrow: 1, minWidth: 0 },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  plainList: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground3 },
  meta: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: 0 },
  text: { ...typographyStyles.body1, whiteSpace: 'pre-wrap', margin: 0 },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  term: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  detail: { margin: 0, whiteSpace: 'pre-wrap', minWidth: 0 },
  fieldset: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
    minWidth: 0,
  },
  legend: { ...typographyStyles.subtitle2, padding: `0 ${tokens.spacingHorizontalXS}` },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    '& th, & td': {
      textAlign: 'left',
      verticalAlign: 'top',
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
    // One cell per line in the side panel, each with its column's name before it.
    '@media (max-width: 600px)': {
      '& thead': { display: 'none' },
      '& tr, & td': { display: 'block' },
      '& td::before': {
        content: 'attr(data-label) ": "',
        fontWeight: tokens.fontWeightSemibold,
      },
    },
  },
  caption: { ...typographyStyles.caption1Strong, textAlign: 'left', paddingBottom: tokens.spacingVerticalXS },
  nowBadge: { flexShrink: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});
