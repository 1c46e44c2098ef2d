import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useMyActionsStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '960px',
    width: '100%',
  },
  titleRow: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  title: { ...typographyStyles.title3, margin: 0 },
  spacer: { flexGrow: 1 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sectionTitle: {
    ...typographyStyles.subtitle2,
    margin: 0,
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  caseLink: { ...typographyStyles.caption1Strong },
  muted: { color: tokens.colorNeutralForeground3 },
});
