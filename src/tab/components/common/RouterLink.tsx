/**
 * A link that navigates inside the tab (and still opens in a new tab with Ctrl/Cmd-click), drawn like
 * Fluent's Link: a native <a> with its tokens, which spares the Link component's state hooks.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { followLink } from '../../lib/router';

export const useLinkStyles = makeStyles({
  link: {
    color: tokens.colorBrandForegroundLink,
    backgroundColor: 'transparent',
    font: 'inherit',
    textDecorationLine: 'none',
    textDecorationThickness: tokens.strokeWidthThin,
    cursor: 'pointer',
    ':hover': { color: tokens.colorBrandForegroundLinkHover, textDecorationLine: 'underline' },
    ':active': { color: tokens.colorBrandForegroundLinkPressed, textDecorationLine: 'underline' },
    // Fluent's focus indicator for links: a double underline in the focus colour.
    ':focus-visible': {
      outlineStyle: 'none',
      textDecorationLine: 'underline',
      textDecorationStyle: 'double',
      textDecorationColor: tokens.colorStrokeFocus2,
    },
  },
});

export function RouterLink({
  href,
  children,
  className,
  'aria-label': ariaLabel,
  'aria-current': ariaCurrent,
}: {
  href: string;
  children: ReactNode;
  className?: string;
  'aria-label'?: string;
  /** `page` on the main navigation's link to the screen that is showing. */
  'aria-current'?: 'page';
}) {
  const styles = useLinkStyles();
  return (
    <a
      href={href}
      className={mergeClasses(styles.link, className)}
      aria-label={ariaLabel}
      aria-current={ariaCurrent}
      onClick={(e) => followLink(e, href)}
    >
      {children}
    </a>
  );
}
