/** Placeholder while this screen is built in the same change; replaced before it is submitted. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export function ImportPage(_props: { meetingId?: string }) {
  return (
    <MessageBar intent="info">
      <MessageBarBody>Import is not built yet.</MessageBarBody>
    </MessageBar>
  );
}
