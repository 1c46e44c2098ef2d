import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useFormFieldStyles = makeStyles({
  fieldset: {
    border: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  legend: {
    ...typographyStyles.body1,
    padding: `0 0 ${tokens.spacingVerticalXXS} 0`,
    color: tokens.colorNeutralForeground1,
  },
  checkboxes: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
  },
  error: {
    ...typographyStyles.caption1,
    color: tokens.colorPaletteRedForeground1,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
  },
  readOnly: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
    margin: 0,
  },
  readOnlyLabel: {
    ...typographyStyles.caption1Strong,
    color: tokens.colorNeutralForeground2,
  },
  readOnlyValue: {
    ...typographyStyles.body1,
    margin: 0,
    overflowWrap: 'anywhere',
    whiteSpace: 'pre-wrap',
  },
  readOnlyHint: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground3,
  },
  field: { minWidth: 0 },
  select: { width: '100%', minWidth: 0 },
  unsaved: {
    marginLeft: tokens.spacingHorizontalXS,
  },
});
