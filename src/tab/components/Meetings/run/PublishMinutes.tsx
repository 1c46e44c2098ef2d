/**
 * The chair publishes a finished meeting's minutes (the bot then announces them in the channel). For
 * MeetingPage's minutes view: rendered when the user may publish and the minutes are not published yet.
 */
import { Button } from '@fluentui/react-components';
import { Send20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Meeting } from '../../../../domain/types';
import { ApiError } from '../../../client/client';
import { useApp } from '../../../app/AppContext';
import { ProblemBar } from '../../common/ProblemBar';

export function PublishMinutes({ meeting, onChanged }: { meeting: Meeting; onChanged(): void }) {
  const { api, can } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!can('minutes.publish') || meeting.status !== 'completed' || meeting.minutesPublishedAt) return null;
  return (
    <div>
      <Button
        appearance="primary"
        icon={<Send20Regular />}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await api.publishMinutes(meeting.id, meeting.version);
            onChanged();
          } catch (e) {
            if (e instanceof ApiError && e.isConflict) onChanged();
            setError(e);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Publishing…' : 'Publish the minutes'}
      </Button>
      {error !== null && <ProblemBar error={error} />}
    </div>
  );
}
