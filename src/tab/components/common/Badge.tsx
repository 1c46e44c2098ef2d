/**
 * Badges with Fluent's name, props the tab uses (tint, outline and filled-brand; small and medium) and
 * Fluent's own tokens per appearance and colour, so contrast is what Fluent's Badge gives (axe-core
 * checks it in both themes). Fluent's Badge styles every appearance, colour and size (some 4 KB
 * gzipped per module) where the tab uses a few.
 */
import { makeStyles, mergeClasses, tokens, typographyStyles } from '@fluentui/react-components';
import type { ReactElement, ReactNode } from 'react';

export type BadgeColor =
  'brand' | 'danger' | 'important' | 'informative' | 'severe' | 'subtle' | 'success' | 'warning';

export interface BadgeProps {
  appearance: 'tint' | 'outline' | 'filled';
  color: BadgeColor;
  size?: 'small' | 'medium';
  icon?: ReactElement;
  title?: string;
  className?: string;
  children?: ReactNode;
}

const textPadding = tokens.spacingHorizontalXXS;
const border = (c: string) => ({
  borderTopColor: c,
  borderRightColor: c,
  borderBottomColor: c,
  borderLeftColor: c,
});

const useStyles = makeStyles({
  root: {
    display: 'inline-flex',
    boxSizing: 'border-box',
    alignItems: 'center',
    justifyContent: 'center',
    position: 'relative',
    ...typographyStyles.caption1Strong,
    height: '20px',
    minWidth: '20px',
    padding: `0 calc(${tokens.spacingHorizontalXS} + ${textPadding})`,
    borderRadius: tokens.borderRadiusCircular,
    ...border(tokens.colorTransparentStroke),
    // The border is drawn by a pseudo-element, as Fluent's, so it does not change the badge's size.
    '::after': {
      content: '""',
      position: 'absolute',
      top: 0,
      left: 0,
      bottom: 0,
      right: 0,
      borderTopStyle: 'solid',
      borderRightStyle: 'solid',
      borderBottomStyle: 'solid',
      borderLeftStyle: 'solid',
      borderTopColor: 'inherit',
      borderRightColor: 'inherit',
      borderBottomColor: 'inherit',
      borderLeftColor: 'inherit',
      borderTopWidth: tokens.strokeWidthThin,
      borderRightWidth: tokens.strokeWidthThin,
      borderBottomWidth: tokens.strokeWidthThin,
      borderLeftWidth: tokens.strokeWidthThin,
      borderRadius: 'inherit',
    },
  },
  small: {
    ...typographyStyles.caption2Strong,
    minWidth: '16px',
    height: '16px',
    padding: `0 calc(${tokens.spacingHorizontalXXS} + ${textPadding})`,
  },
  outline: border('currentColor'),
  'filled-brand': {
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  'outline-brand': { color: tokens.colorBrandForeground1 },
  'outline-danger': { color: tokens.colorPaletteRedForeground3, ...border(tokens.colorPaletteRedBorder2) },
  'outline-important': {
    color: tokens.colorNeutralForeground3,
    ...border(tokens.colorNeutralStrokeAccessible),
  },
  'outline-informative': { color: tokens.colorNeutralForeground3, ...border(tokens.colorNeutralStroke2) },
  'outline-severe': { color: tokens.colorPaletteDarkOrangeForeground3 },
  'outline-subtle': { color: tokens.colorNeutralForegroundStaticInverted },
  'outline-success': {
    color: tokens.colorPaletteGreenForeground3,
    ...border(tokens.colorPaletteGreenBorder2),
  },
  'outline-warning': { color: tokens.colorPaletteYellowForeground2 },
  'tint-brand': {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    ...border(tokens.colorBrandStroke2),
  },
  'tint-danger': {
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
    ...border(tokens.colorPaletteRedBorder1),
  },
  'tint-important': {
    backgroundColor: tokens.colorNeutralForeground3,
    color: tokens.colorNeutralBackground1,
    ...border(tokens.colorTransparentStroke),
  },
  'tint-informative': {
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground3,
    ...border(tokens.colorNeutralStroke2),
  },
  'tint-severe': {
    backgroundColor: tokens.colorPaletteDarkOrangeBackground1,
    color: tokens.colorPaletteDarkOrangeForeground1,
    ...border(tokens.colorPaletteDarkOrangeBorder1),
  },
  'tint-subtle': {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground3,
    ...border(tokens.colorNeutralStroke2),
  },
  'tint-success': {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorPaletteGreenForeground1,
    ...border(tokens.colorPaletteGreenBorder1),
  },
  'tint-warning': {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorPaletteYellowForeground1,
    ...border(tokens.colorPaletteYellowBorder1),
  },
  icon: {
    display: 'flex',
    lineHeight: '1',
    margin: `0 calc(-1 * ${textPadding})`,
    fontSize: '12px',
  },
  iconBeforeText: { marginRight: `calc(${tokens.spacingHorizontalXXS} + ${textPadding})` },
});

type ColourKey = Exclude<
  keyof ReturnType<typeof useStyles>,
  'root' | 'small' | 'outline' | 'icon' | 'iconBeforeText'
>;

export function Badge({ appearance, color, size = 'medium', icon, title, className, children }: BadgeProps) {
  const styles = useStyles();
  const colour = `${appearance}-${color}` as ColourKey;
  return (
    <span
      title={title}
      className={mergeClasses(
        styles.root,
        size === 'small' && styles.small,
        appearance === 'outline' && styles.outline,
        styles[colour],
        className,
      )}
    >
      {icon && (
        <span className={mergeClasses(styles.icon, children !== undefined && styles.iconBeforeText)}>
          {icon}
        </span>
      )}
      {children}
    </span>
  );
}
