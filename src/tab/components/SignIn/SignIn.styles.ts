import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useSignInStyles = makeStyles({
  root: {
    display: 'flex',
    justifyContent: 'center',
    paddingTop: tokens.spacingVerticalXXL,
  },
  card: {
    width: '560px',
    maxWidth: '100%',
    padding: tokens.spacingHorizontalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  title: { ...typographyStyles.title3, margin: 0 },
  option: {
    display: 'flex',
    flexDirection: 'column',
  },
  optionDetail: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});
