/**
 * An API refusal or failure as Fluent's MessageBar, in the server's own words (written for people),
 * announced as an alert.
 */
import { type ReactNode, isValidElement } from 'react';
import { ApiError } from '../../client/client';
import { MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';

export function problemTitle(e: ApiError): string {
  switch (e.code) {
    case 'Conflict':
      return 'Changed by someone else';
    case 'Forbidden':
      return 'Not allowed';
    case 'Invalid':
      return 'Check the highlighted fields';
    case 'NotFound':
      return 'Not found';
    case 'Network':
      return 'Offline';
    case 'Busy':
      return 'Busy';
    case 'AlreadyDone':
      return 'Already done';
    default:
      return 'Something went wrong';
  }
}

export function ProblemBar({ error, action }: { error: unknown; action?: ReactNode }) {
  if (!error) return null;
  const e =
    error instanceof ApiError
      ? error
      : new ApiError(0, 'Internal', 'Error', 'Something went wrong. Nothing was saved; try again.');
  return (
    // role="alert": the bar appears after an action (a save, a check, a load), and a screen reader must
    // say it without the user going to look; Fluent's own announcing needs an AnnounceProvider.
    <MessageBar intent={e.code === 'Conflict' ? 'warning' : 'error'} layout="multiline" role="alert">
      <MessageBarBody>
        <MessageBarTitle>{problemTitle(e)}</MessageBarTitle>
        {e.detail}
      </MessageBarBody>
      {isValidElement(action) && action.type === MessageBarActions ? (
        action
      ) : action ? (
        <MessageBarActions>{action}</MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
