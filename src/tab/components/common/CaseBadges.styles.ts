import { makeStyles, tokens } from '@fluentui/react-components';

export const useBadgeStyles = makeStyles({
  flags: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    alignItems: 'center',
    minWidth: 0,
  },
  none: {
    color: tokens.colorNeutralForeground3,
  },
});
