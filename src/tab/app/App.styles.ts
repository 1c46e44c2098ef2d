import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useAppStyles = makeStyles({
  root: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    display: 'flex',
    flexDirection: 'column',
    height: '100%',
    minHeight: 0,
  },
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: 'auto',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    ':focus': {
      position: 'static',
      width: 'auto',
      height: 'auto',
      padding: tokens.spacingHorizontalS,
      backgroundColor: tokens.colorNeutralBackground1,
      color: tokens.colorBrandForegroundLink,
    },
  },
  header: {
    flexShrink: 0,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: {
    ...typographyStyles.subtitle1,
    margin: 0,
  },
  spacer: { flexGrow: 1 },
  user: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  userText: {
    display: 'flex',
    flexDirection: 'column',
    ...typographyStyles.caption1,
  },
  userRole: { color: tokens.colorNeutralForeground2 },
  theme: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  banner: {
    borderRadius: 0,
    // In the full-height column only the screen below may shrink (and scroll): a squeezed banner
    // spilled its words over the screen in a narrow window.
    flexShrink: 0,
  },
  main: {
    flexGrow: 1,
    minHeight: 0,
    display: 'flex',
    flexDirection: 'column',
    overflow: 'auto',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    ':focus': { outlineStyle: 'none' },
  },
  centred: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalM,
    paddingTop: tokens.spacingVerticalXXXL,
  },
  message: {
    maxWidth: '640px',
    width: '100%',
  },
});
