/** Placeholder while this screen is built in the same change; replaced before it is submitted. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export function AuditLog(_props: { meetingId?: string }) {
  return (
    <MessageBar intent="info">
      <MessageBarBody>The audit log is not built yet.</MessageBarBody>
    </MessageBar>
  );
}
