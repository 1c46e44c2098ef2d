/**
 * The chair's meeting mode (issue 5 points 3, 4, 7): start the meeting, step through the frozen agenda
 * one case at a time, record what is said and decided as it is typed, act on the case, finish. Rendered
 * by MeetingPage when the user may run meetings and the meeting is scheduled or in progress.
 */
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Meeting } from '../../../../domain/types';

export interface MeetingRunnerProps {
  meeting: Meeting;
  /** The meeting changed on the server (started, a record saved, finished): reload it. */
  onChanged(): void;
}

export function MeetingRunner({ meeting }: MeetingRunnerProps) {
  return (
    <MessageBar intent="info">
      <MessageBarBody>Meeting mode for {meeting.id} is being built.</MessageBarBody>
    </MessageBar>
  );
}
