/**
 * The local demo's sign-in: choose a synthetic user; their role decides what the tab lets them do.
 * (Inside Teams there is no sign-in screen: Teams SSO signs the user in.)
 */
import { Button, Field, Radio, RadioGroup, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { DevUser } from '../../client/client';
import { roleSummary } from '../../lib/roles';
import { useSignInStyles } from './SignIn.styles';
import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { Spinner } from '@fluentui/react-components';

export function SignIn({
  users,
  error,
  busy,
  onSignIn,
}: {
  users: DevUser[];
  error: string | null;
  busy: boolean;
  onSignIn(userId: string): void;
}) {
  const styles = useSignInStyles();
  const [chosen, setChosen] = useState<string>(users[0]?.id ?? '');
  return (
    <div className={styles.root}>
      <section className={styles.card} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" className={styles.title}>
          Sign in to the local demo
        </h1>
        <Text>
          This copy of CMOE Tracker runs without Microsoft 365 and holds synthetic data only. Choose a demo
          user: their role decides what you can see and change.
        </Text>
        <form
          className={styles.form}
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) onSignIn(chosen);
          }}
        >
          <Field label="Demo user" required>
            <RadioGroup value={chosen} onChange={(_, d) => setChosen(d.value)}>
              {users.map((u) => (
                <Radio
                  key={u.id}
                  value={u.id}
                  label={
                    <span className={styles.option}>
                      <span>{u.name}</span>
                      <span className={styles.optionDetail}>
                        {roleSummary(u.roles)} · {u.service}
                      </span>
                    </span>
                  }
                />
              ))}
            </RadioGroup>
          </Field>
          {error && (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" disabled={!chosen || busy}>
              Sign in
            </Button>
            {busy && <Spinner size="tiny" label="Signing in…" />}
          </div>
        </form>
      </section>
    </div>
  );
}
