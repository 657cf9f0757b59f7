/*
 * Copyright 2026 The Software Distribution Hub Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { makeStyles } from '@material-ui/core/styles';
import PauseIcon from '@material-ui/icons/Pause';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import StopIcon from '@material-ui/icons/Stop';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Rollout,
  rolloutControlPermission,
  RolloutStatus,
} from '@sdh/plugin-distribution-hub-common';
import { ReactNode, useId, useState } from 'react';
import { distributionHubApiRef } from '../../api';
import { serverErrorMessage } from '../../lib/serverErrorMessage';
import { InstallationPermissionButton } from '../InstallationPermissionButton';
import { ROLLOUT_STATUS_LABELS } from '../RolloutStatusChip';

type ControlAction = 'pause' | 'resume' | 'cancel';

interface Control {
  action: ControlAction;
  /** The button's label. */
  label: string;
  icon: ReactNode;
  from: RolloutStatus[];
  question(rollout: Rollout): string;
  /** What happens to the installations, in plain words. */
  explanation(rollout: Rollout): string[];
  destructive?: boolean;
}

const CONTROLS: Control[] = [
  {
    action: 'pause',
    label: 'Pause',
    icon: <PauseIcon />,
    from: ['running'],
    question: r => `Pause the rollout of ${r.version}?`,
    explanation: () => [
      "Installations in progress finish their current stage's health wait, then stop before their next stage.",
      'Nothing new starts: no next stage, no new installation, until you resume.',
    ],
  },
  {
    action: 'resume',
    label: 'Resume',
    icon: <PlayArrowIcon />,
    from: ['paused', 'halted'],
    question: r => `Resume the rollout of ${r.version}?`,
    explanation: r => [
      'The rollout carries on: stopped installations continue with their next stage, and waiting ones start as waves, maintenance windows and the parallel limit allow.',
      ...(r.status === 'halted'
        ? [
            `It was halted because too many installations failed${
              r.failureLimit ? ` (limit ${r.failureLimit})` : ''
            }: it carries on only once fewer have failed than that, so retry failed installations first.`,
          ]
        : []),
    ],
  },
  {
    action: 'cancel',
    label: 'Cancel rollout',
    icon: <StopIcon />,
    from: ['running', 'paused', 'halted'],
    destructive: true,
    question: r => `Cancel the rollout of ${r.version}?`,
    explanation: r => [
      'Installations yet to start are cancelled. Installations in progress stop at their next step.',
      `Images already applied stay as they are: cancelling rolls nothing back.${
        r.request.autoRollback
          ? ' (Automatic rollback is on for this rollout, for installations that fail.)'
          : ''
      }`,
      'This cannot be undone; start a new rollout to carry on later.',
    ],
  },
];

/** @public */
export interface RolloutControlsProps {
  rollout: Rollout;
  /**
   * Installations of the rollout to check the permission against (one per
   * tenant and tier is enough); the server checks all of them.
   */
  installationRefs: readonly string[];
  /** Called with the rollout as the server returns it after a change. */
  onChange(rollout: Rollout): void;
}

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  destructive: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
  destructiveConfirm: {
    color: theme.palette.error.contrastText,
    backgroundColor: theme.palette.error.main,
    '&:hover': { backgroundColor: theme.palette.error.dark },
  },
  error: { marginTop: theme.spacing(2) },
}));

/**
 * Pause, Resume and Cancel for a rollout, as its status allows, each behind
 * a confirmation that says what happens to the installations in progress.
 *
 * @public
 */
export function RolloutControls(props: RolloutControlsProps) {
  const { rollout, installationRefs, onChange } = props;
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const alertApi = useApi(alertApiRef);
  const titleId = useId();
  const descriptionId = useId();
  const [pending, setPending] = useState<Control>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const available = CONTROLS.filter(c => c.from.includes(rollout.status));
  if (available.length === 0) {
    return null;
  }

  const close = () => {
    if (!busy) {
      setPending(undefined);
      setError(undefined);
    }
  };
  const confirm = async () => {
    if (!pending) {
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const call = {
        pause: () => api.pauseRollout(rollout.id),
        resume: () => api.resumeRollout(rollout.id),
        cancel: () => api.cancelRollout(rollout.id),
      }[pending.action];
      const updated = await call();
      setPending(undefined);
      onChange(updated);
      alertApi.post({
        message: `The rollout is now ${
          ROLLOUT_STATUS_LABELS[updated.status] ?? updated.status
        }`,
        severity: 'success',
        display: 'transient',
      });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className={classes.actions}>
        {available.map(control => (
          <InstallationPermissionButton
            key={control.action}
            permission={rolloutControlPermission}
            installationRefs={installationRefs}
            require="all"
            action="pause, resume or cancel this rollout"
            variant="outlined"
            startIcon={control.icon}
            className={control.destructive ? classes.destructive : undefined}
            onClick={() => {
              setError(undefined);
              setPending(control);
            }}
          >
            {control.label}
          </InstallationPermissionButton>
        ))}
      </div>
      <Dialog
        open={Boolean(pending)}
        onClose={close}
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        maxWidth="sm"
        fullWidth
      >
        {pending && (
          <>
            <DialogTitle id={titleId}>{pending.question(rollout)}</DialogTitle>
            <DialogContent id={descriptionId}>
              {pending.explanation(rollout).map(text => (
                <DialogContentText key={text}>{text}</DialogContentText>
              ))}
              {Boolean(error) && (
                <Alert severity="error" className={classes.error}>
                  <AlertTitle>The change failed</AlertTitle>
                  {serverErrorMessage(error)}
                </Alert>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={close} disabled={busy}>
                Back
              </Button>
              <Button
                onClick={confirm}
                disabled={busy}
                variant="contained"
                color="primary"
                className={
                  pending.destructive ? classes.destructiveConfirm : undefined
                }
                startIcon={
                  busy ? <CircularProgress size={16} color="inherit" /> : null
                }
              >
                Confirm
              </Button>
            </DialogActions>
          </>
        )}
      </Dialog>
    </>
  );
}
