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
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import { makeStyles } from '@material-ui/core/styles';
import {
  Release,
  releaseStatusChangePermission,
  ReleaseStatus,
} from '@sdh/plugin-distribution-hub-common';
import { useId, useState } from 'react';
import { distributionHubApiRef } from '../../api';
import { PermissionedButton } from '../PermissionedButton';
import { RELEASE_STATUS_LABELS } from '../ReleaseStatusChip';
import { ChangeErrorAlert } from './ChangeErrorAlert';
import { readyForReleaseBlocker } from './readiness';

/** @public */
export interface LifecycleActionsProps {
  release: Release;
  /** Called with the release as the server returns it after a change. */
  onChange(release: Release): void;
}

interface Transition {
  /** The button's label. */
  label: string;
  from: ReleaseStatus[];
  to: ReleaseStatus;
  /** The dialog's question. */
  question(release: Release): string;
  /** What the action does, in plain words. */
  explanation(release: Release): string;
  /** The main action of its state, rather than a secondary one. */
  primary?: boolean;
  /** Final: cannot be undone. */
  destructive?: boolean;
}

const TRANSITIONS: Transition[] = [
  {
    label: 'Ready for release',
    from: ['draft'],
    to: 'ready',
    primary: true,
    question: r => `Mark release ${r.version} ready for release?`,
    explanation: () =>
      'The release becomes Ready for release: it can then be rolled out to installations. ' +
      'Its requirements stay locked; unlocking them later takes the release back to Draft.',
  },
  {
    label: 'Put on hold',
    from: ['ready'],
    to: 'on-hold',
    question: r => `Put release ${r.version} on hold?`,
    explanation: () =>
      'The release goes On hold: it cannot be rolled out until someone resumes it. ' +
      'Resuming makes it Ready for release again.',
  },
  {
    label: 'Resume',
    from: ['on-hold'],
    to: 'ready',
    primary: true,
    question: r => `Resume release ${r.version}?`,
    explanation: () =>
      'The release becomes Ready for release again: it can be rolled out to installations.',
  },
  {
    label: 'Rescind',
    from: ['draft', 'ready', 'on-hold'],
    to: 'rescinded',
    destructive: true,
    question: r => `Rescind release ${r.version}?`,
    explanation: r =>
      `Rescinding is final: the release becomes read-only and can never be rolled out.${
        r.status === 'ready'
          ? ' To stop it from being rolled out only for a while, put it on hold instead.'
          : ''
      }`,
  },
];

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
    '&:hover': {
      backgroundColor: theme.palette.error.dark,
    },
  },
}));

/**
 * The status changes a release can take from where it stands, each behind a
 * confirmation that says what it does. A change the rules do not allow yet
 * is shown disabled, with the reason.
 *
 * @public
 */
export function LifecycleActions(props: LifecycleActionsProps) {
  const { release, onChange } = props;
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const alertApi = useApi(alertApiRef);
  const titleId = useId();
  const descriptionId = useId();
  const [pending, setPending] = useState<Transition>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const available = TRANSITIONS.filter(t => t.from.includes(release.status));
  if (available.length === 0) {
    return null;
  }

  const open = (transition: Transition) => {
    setError(undefined);
    setPending(transition);
  };
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
      const updated = await api.setReleaseStatus(release.id, pending.to, {
        revision: release.revision,
      });
      setPending(undefined);
      onChange(updated);
      alertApi.post({
        message: `Release ${updated.version} is now ${
          RELEASE_STATUS_LABELS[updated.status] ?? updated.status
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
      <Box className={classes.actions}>
        {available.map(transition => (
          <PermissionedButton
            key={transition.label}
            permission={releaseStatusChangePermission}
            action="change the status of releases"
            disabledReason={
              transition.to === 'ready'
                ? readyForReleaseBlocker(release)
                : undefined
            }
            variant={transition.primary ? 'contained' : 'outlined'}
            color={transition.primary ? 'primary' : 'default'}
            className={transition.destructive ? classes.destructive : undefined}
            onClick={() => open(transition)}
          >
            {transition.label}
          </PermissionedButton>
        ))}
      </Box>
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
            <DialogTitle id={titleId}>{pending.question(release)}</DialogTitle>
            <DialogContent>
              <DialogContentText id={descriptionId}>
                {pending.explanation(release)}
              </DialogContentText>
              {Boolean(error) && (
                <ChangeErrorAlert
                  error={error}
                  releaseId={release.id}
                  onReloaded={reloaded => {
                    setError(undefined);
                    setPending(undefined);
                    onChange(reloaded);
                  }}
                />
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={close} disabled={busy}>
                Cancel
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
