/** Placeholder while this screen is built in the same change; replaced before it is submitted. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export function ConfigPage(_props: { meetingId?: string }) {
  return (
    <MessageBar intent="info">
      <MessageBarBody>Tab set-up is not built yet.</MessageBarBody>
    </MessageBar>
  );
}
