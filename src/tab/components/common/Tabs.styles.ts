/**
 * The look of Fluent's TabList (transparent items, a rounded brand bar under the selected one) for the
 * main navigation's links, which are links (aria-current="page"), not tabs; a screen's own tabs are
 * Fluent's TabList itself (a case's sections, issue 15).
 */
import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

export const useTabLookStyles = makeStyles({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  item: {
    position: 'relative',
    display: 'block',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalMNudge}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorTransparentBackground,
    ...typographyStyles.body1,
    color: tokens.colorNeutralForeground2,
    textDecorationLine: 'none',
    cursor: 'pointer',
    ':hover': {
      color: tokens.colorNeutralForeground2Hover,
      backgroundColor: tokens.colorSubtleBackgroundHover,
      textDecorationLine: 'none',
    },
    ':active': {
      color: tokens.colorNeutralForeground2Pressed,
      backgroundColor: tokens.colorSubtleBackgroundPressed,
    },
    ':focus-visible': {
      outlineStyle: 'solid',
      outlineWidth: tokens.strokeWidthThick,
      outlineColor: tokens.colorStrokeFocus2,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
      textDecorationLine: 'none',
    },
    '::after': {
      content: '""',
      position: 'absolute',
      left: tokens.spacingHorizontalMNudge,
      right: tokens.spacingHorizontalMNudge,
      bottom: 0,
      height: tokens.strokeWidthThicker,
      borderRadius: tokens.borderRadiusCircular,
      backgroundColor: tokens.colorTransparentStroke,
    },
    ':hover::after': { backgroundColor: tokens.colorNeutralStroke1Hover },
    // Windows high contrast: the bar is drawn in the system's highlight colour.
    '@media (forced-colors: active)': {
      '::after': { backgroundColor: 'transparent' },
    },
  },
  // The bar, not only the colour, marks the selected item (and the ARIA state says it to a screen reader).
  selected: {
    color: tokens.colorNeutralForeground1,
    ':hover': { color: tokens.colorNeutralForeground1Hover },
    ':active': { color: tokens.colorNeutralForeground1Pressed },
    '::after': { backgroundColor: tokens.colorCompoundBrandStroke },
    ':hover::after': { backgroundColor: tokens.colorCompoundBrandStrokeHover },
    '@media (forced-colors: active)': {
      '::after': { backgroundColor: 'Highlight' },
    },
  },
});
