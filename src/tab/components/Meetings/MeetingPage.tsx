/** Placeholder while this screen is built in the same change; replaced before it is submitted. */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';

export function MeetingPage(_props: { meetingId?: string }) {
  return (
    <MessageBar intent="info">
      <MessageBarBody>A meeting is not built yet.</MessageBarBody>
    </MessageBar>
  );
}
