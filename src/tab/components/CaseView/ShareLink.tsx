/**
 * "Link to this case": the web URL (works in a browser and in the bot's cards) and, when the app id is
 * known (inside Teams, or TEAMS_APP_ID at build time), the Teams deep link that opens the tab at
 * the case through `subPageId`.
 *
 * A disclosure (a button that shows a panel below it) rather than Fluent's Popover: the Popover brings
 * its positioning engine (floating-ui) and focus trap, about 16 KB gzipped for this one panel.
 */
import { Button, Field, Input, Text } from '@fluentui/react-components';
import { Copy20Regular, Link20Regular } from '@fluentui/react-icons';
import { useEffect, useId, useRef, useState } from 'react';
import { useApp } from '../../app/AppContext';
import { BUILD_TEAMS_APP_ID, LIST_ENTITY_ID } from '../../host/buildInfo';
import { caseTeamsDeepLink, caseWebUrl } from '../../host/deepLinks';
import { useCaseViewStyles } from './CaseView.styles';

function CopyRow({ label, value }: { label: string; value: string }) {
  const styles = useCaseViewStyles();
  const [copied, setCopied] = useState(false);
  return (
    <div className={styles.linkRow}>
      <Field label={label} className={styles.grow}>
        <Input readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
      </Field>
      <Button
        icon={<Copy20Regular />}
        aria-label={`Copy ${label.toLowerCase()}`}
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(value);
            setCopied(true);
          } catch {
            setCopied(false);
          }
        }}
      >
        {copied ? 'Copied' : 'Copy'}
      </Button>
    </div>
  );
}

export function ShareLink({ caseRef }: { caseRef: string }) {
  const styles = useCaseViewStyles();
  const { host } = useApp();
  const web = caseWebUrl(window.location.origin, caseRef);
  const appId = host.kind === 'teams' ? (host.appId ?? BUILD_TEAMS_APP_ID) : BUILD_TEAMS_APP_ID;
  // Links always open the list tab (manifest entityId), whichever tab they were copied from.
  const entityId = LIST_ENTITY_ID;
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  // Opening moves focus to the first link; a click outside closes the panel, as a popover would.
  useEffect(() => {
    if (!open) return;
    wrapper.current?.querySelector<HTMLInputElement>(`#${CSS.escape(panelId)} input`)?.focus();
    const onPointerDown = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open, panelId]);

  return (
    <div
      ref={wrapper}
      className={styles.linkAnchor}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <Button
        ref={button}
        icon={<Link20Regular />}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
      >
        Link to this case
      </Button>
      {open && (
        <div id={panelId} role="group" aria-label="Links to this case" className={styles.linkPanel}>
          <div className={styles.linkBox}>
            <CopyRow label="Link for a browser" value={web} />
            {appId ? (
              <CopyRow label="Teams link" value={caseTeamsDeepLink(appId, entityId, caseRef)} />
            ) : (
              <Text size={200}>The Teams link appears when the app runs in Teams.</Text>
            )}
          </div>
        </div>
      )}
    </div>
  );
}
