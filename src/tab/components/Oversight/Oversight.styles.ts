import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useOversightStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '1200px' },
  title: { ...typographyStyles.title3, margin: 0 },
  sectionTitle: { ...typographyStyles.subtitle1, margin: 0 },
  lead: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '75ch' },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalL,
  },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 460px), 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: 0,
  },
  cardTitle: { ...typographyStyles.subtitle2, margin: 0 },
  summary: { margin: 0 },
  // The chart is drawn at its card's width, so it never scrolls (a scrolling region needs a focus stop).
  chart: { minHeight: '160px', overflow: 'hidden' },
  tableWrap: { overflowX: 'auto' },
  caption: { ...typographyStyles.caption1, textAlign: 'start', color: tokens.colorNeutralForeground2 },
  number: { textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  refs: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  notes: { margin: 0, color: tokens.colorNeutralForeground2 },
  help: { maxWidth: '75ch' },
});
