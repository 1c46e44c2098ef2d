/**
 * The bundle-size baseline for `npm run bench`: the least a Teams tab on Fluent UI v9 and teams-js
 * ships (a themed provider, text, a button, app.initialize), built with the tab's own vite.config.ts.
 */
import { Button, FluentProvider, Text, teamsLightTheme } from '@fluentui/react-components';
import { app } from '@microsoft/teams-js';
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <FluentProvider theme={teamsLightTheme}>
      <Text>Hello from Teams</Text>
      <Button appearance="primary" onClick={() => void app.initialize()}>
        Start
      </Button>
    </FluentProvider>,
  );
