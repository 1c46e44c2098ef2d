/** A Fluent Link that navigates inside the tab (and still opens in a new tab with Ctrl/Cmd-click). */
import { Link } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { followLink } from '../../lib/router';

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
  return (
    <Link
      href={href}
      className={className}
      aria-label={ariaLabel}
      aria-current={ariaCurrent}
      onClick={(e) => followLink(e, href)}
    >
      {children}
    </Link>
  );
}
