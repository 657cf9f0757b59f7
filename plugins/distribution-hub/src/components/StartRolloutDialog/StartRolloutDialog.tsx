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
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Release,
  Rollout,
  RolloutPreview,
  RolloutRequest,
} from '@sdh/plugin-distribution-hub-common';
import { useEffect, useId, useMemo, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { distributionHubApiRef } from '../../api';
import { serverErrorMessage } from '../../lib/serverErrorMessage';
import { RolloutPreviewList } from '../RolloutPreviewList';
import { TargetSelectorFields } from '../TargetSelectorFields';
import { LiveCount } from './LiveCount';
import {
  buildRolloutRequest,
  hasErrors,
  initialRolloutForm,
  MAX_PARALLEL_LIMIT,
  RolloutForm,
  ThresholdKind,
} from './rolloutForm';
import { WavesEditor } from './WavesEditor';

/** @public */
export interface StartRolloutDialogProps {
  open: boolean;
  release: Release;
  onClose(): void;
  /** Called with the rollout the server started. */
  onStarted(rollout: Rollout): void;
}

/** Installations per page of the preview. */
export const PREVIEW_PAGE_SIZE = 20;

/** How long the selection must settle before the count is asked for. */
export const COUNT_DEBOUNCE_MS = 400;

const useStyles = makeStyles(theme => ({
  stepper: { padding: theme.spacing(1, 0, 2) },
  section: { marginBottom: theme.spacing(3) },
  options: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
    gap: theme.spacing(2),
    alignItems: 'start',
  },
  switches: {
    display: 'flex',
    flexDirection: 'column',
    marginTop: theme.spacing(1),
  },
  error: { marginTop: theme.spacing(2) },
}));

function errorTitle(error: unknown, action: string): string {
  if (
    ResponseError.is(error) &&
    [400, 403, 409].includes(error.response.status)
  ) {
    return `The server refused to ${action}`;
  }
  return `Could not ${action}`;
}

function ServerError(props: { error: unknown; action: string }) {
  const classes = useStyles();
  return (
    <Alert severity="error" className={classes.error}>
      <AlertTitle>{errorTitle(props.error, props.action)}</AlertTitle>
      {serverErrorMessage(props.error)}
    </Alert>
  );
}

const THRESHOLD_LABELS: Record<ThresholdKind, string> = {
  none: 'Never: keep going',
  count: 'After a number of failed installations',
  percent: 'After a percentage of failed installations',
};

/**
 * Starts a rollout of a release in two steps. First the targets (tenants,
 * tiers, rings, installations), waves and options, with a live count of the
 * installations the selection takes; then a preview of what changes where,
 * page by page, before confirming. The server's refusals are shown in the
 * dialog.
 *
 * @public
 */
export function StartRolloutDialog(props: StartRolloutDialogProps) {
  const { open, release, onClose, onStarted } = props;
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const titleId = useId();
  const sectionId = useId();
  const [form, setForm] = useState<RolloutForm>(initialRolloutForm);
  const [step, setStep] = useState<0 | 1>(0);
  const [showErrors, setShowErrors] = useState(false);
  const [preview, setPreview] = useState<{
    offset: number;
    data?: RolloutPreview;
    error?: unknown;
    loading: boolean;
  }>({ offset: 0, loading: false });
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>();

  const { request, errors } = useMemo(() => buildRolloutRequest(form), [form]);
  const invalid = hasErrors(errors);
  // Only an empty wave is worth holding back until the user moves on.
  const visibleErrors = showErrors
    ? errors
    : Object.fromEntries(
        Object.entries(errors).filter(([field]) => !field.endsWith('.select')),
      );

  // The count follows the selection; waves count too once they are valid.
  const countRequest: RolloutRequest = invalid
    ? { targets: request.targets }
    : request;
  const countKey = JSON.stringify(countRequest);
  const [settledCount, setSettledCount] = useState(countKey);
  useDebounce(() => setSettledCount(countKey), COUNT_DEBOUNCE_MS, [countKey]);

  useEffect(() => {
    if (step !== 1) {
      return undefined;
    }
    let cancelled = false;
    setPreview(p => ({ ...p, loading: true, error: undefined }));
    api
      .previewRollout(release.id, request, {
        offset: preview.offset,
        limit: PREVIEW_PAGE_SIZE,
      })
      .then(
        data =>
          !cancelled &&
          setPreview({ offset: data.offset, data, loading: false }),
        error =>
          !cancelled &&
          setPreview(p => ({ ...p, error, data: undefined, loading: false })),
      );
    return () => {
      cancelled = true;
    };
    // The request is fixed while the preview is shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, release.id, step, preview.offset]);

  const update = (change: Partial<RolloutForm>) =>
    setForm(f => ({ ...f, ...change }));

  const toPreview = () => {
    setShowErrors(true);
    if (!invalid) {
      setStartError(undefined);
      setPreview({ offset: 0, loading: true });
      setStep(1);
    }
  };

  const start = async () => {
    setStarting(true);
    setStartError(undefined);
    try {
      onStarted(await api.startRollout(release.id, request));
    } catch (e) {
      setStartError(e);
      setStarting(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={starting ? undefined : onClose}
      aria-labelledby={titleId}
      maxWidth="md"
      fullWidth
    >
      <DialogTitle id={titleId}>
        Start rollout of release {release.version}
      </DialogTitle>
      <DialogContent dividers>
        <Stepper activeStep={step} className={classes.stepper}>
          <Step>
            <StepLabel>Choose installations</StepLabel>
          </Step>
          <Step>
            <StepLabel>Preview</StepLabel>
          </Step>
        </Stepper>
        {step === 0 && (
          <>
            <section
              className={classes.section}
              aria-labelledby={`${sectionId}-targets`}
            >
              <Typography
                variant="h6"
                component="h3"
                id={`${sectionId}-targets`}
                paragraph
              >
                Installations
              </Typography>
              <Typography variant="body2" color="textSecondary" paragraph>
                Installations matching any of these; choose none to take every
                installation.
              </Typography>
              <TargetSelectorFields
                label="Rollout targets"
                value={form.targets}
                onChange={targets => update({ targets })}
              />
              <LiveCount releaseId={release.id} requestKey={settledCount} />
            </section>
            <section
              className={classes.section}
              aria-labelledby={`${sectionId}-waves`}
            >
              <Typography
                variant="h6"
                component="h3"
                id={`${sectionId}-waves`}
                paragraph
              >
                Waves
              </Typography>
              <WavesEditor
                waves={form.waves}
                errors={visibleErrors}
                onChange={waves => update({ waves })}
              />
            </section>
            <section
              className={classes.section}
              aria-labelledby={`${sectionId}-options`}
            >
              <Typography
                variant="h6"
                component="h3"
                id={`${sectionId}-options`}
                paragraph
              >
                Options
              </Typography>
              <div className={classes.options}>
                <TextField
                  id={`${sectionId}-parallel`}
                  label="Installations at once"
                  type="number"
                  size="small"
                  variant="outlined"
                  inputProps={{ min: 1, max: MAX_PARALLEL_LIMIT, step: 1 }}
                  value={form.maxParallel}
                  error={Boolean(visibleErrors.maxParallel)}
                  helperText={
                    visibleErrors.maxParallel ??
                    'How many installations are deployed at the same time'
                  }
                  onChange={e => update({ maxParallel: e.target.value })}
                />
                <TextField
                  select
                  id={`${sectionId}-threshold`}
                  label="Halt the rollout"
                  size="small"
                  variant="outlined"
                  value={form.thresholdKind}
                  onChange={e =>
                    update({ thresholdKind: e.target.value as ThresholdKind })
                  }
                >
                  {(Object.keys(THRESHOLD_LABELS) as ThresholdKind[]).map(
                    kind => (
                      <MenuItem key={kind} value={kind}>
                        {THRESHOLD_LABELS[kind]}
                      </MenuItem>
                    ),
                  )}
                </TextField>
                {form.thresholdKind !== 'none' && (
                  <TextField
                    id={`${sectionId}-threshold-value`}
                    label={
                      form.thresholdKind === 'count'
                        ? 'Failed installations'
                        : 'Failed installations (%)'
                    }
                    type="number"
                    size="small"
                    variant="outlined"
                    inputProps={
                      form.thresholdKind === 'count'
                        ? { min: 1, step: 1 }
                        : { min: 0, max: 100, step: 'any' }
                    }
                    value={form.threshold}
                    error={Boolean(visibleErrors.threshold)}
                    helperText={
                      visibleErrors.threshold ??
                      'Nothing new starts once this many have failed'
                    }
                    onChange={e => update({ threshold: e.target.value })}
                  />
                )}
                <TextField
                  id={`${sectionId}-not-before`}
                  label="Not before"
                  type="datetime-local"
                  size="small"
                  variant="outlined"
                  InputLabelProps={{ shrink: true }}
                  value={form.notBefore}
                  error={Boolean(visibleErrors.notBefore)}
                  helperText={
                    visibleErrors.notBefore ??
                    'Nothing starts before this time (your time zone)'
                  }
                  onChange={e => update({ notBefore: e.target.value })}
                />
              </div>
              <div className={classes.switches}>
                <FormControlLabel
                  control={
                    <Switch
                      color="primary"
                      checked={form.respectMaintenanceWindows}
                      onChange={e =>
                        update({ respectMaintenanceWindows: e.target.checked })
                      }
                    />
                  }
                  label="Wait for each installation's maintenance window"
                />
                <FormControlLabel
                  control={
                    <Switch
                      color="primary"
                      checked={form.autoRollback}
                      onChange={e => update({ autoRollback: e.target.checked })}
                    />
                  }
                  label="Roll back a failed installation to the images it had"
                />
              </div>
            </section>
          </>
        )}
        {step === 1 && (
          <>
            {preview.data && (
              <RolloutPreviewList
                preview={preview.data}
                pageSize={PREVIEW_PAGE_SIZE}
                loading={preview.loading}
                onPage={offset =>
                  setPreview(p => ({ ...p, offset, loading: true }))
                }
              />
            )}
            {preview.loading && !preview.data && (
              <Typography role="status">
                <CircularProgress size={16} /> Reading what would change…
              </Typography>
            )}
            {Boolean(preview.error) && (
              <ServerError error={preview.error} action="preview the rollout" />
            )}
          </>
        )}
        {Boolean(startError) && (
          <ServerError error={startError} action="start the rollout" />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={starting}>
          Cancel
        </Button>
        {step === 0 ? (
          <Button
            color="primary"
            variant="contained"
            onClick={toPreview}
            disabled={showErrors && invalid}
          >
            Preview
          </Button>
        ) : (
          <>
            <Button onClick={() => setStep(0)} disabled={starting}>
              Back
            </Button>
            <Button
              color="primary"
              variant="contained"
              onClick={start}
              disabled={
                starting ||
                !preview.data ||
                preview.data.total === 0 ||
                Boolean(preview.error)
              }
              startIcon={
                starting ? <CircularProgress size={16} color="inherit" /> : null
              }
            >
              Confirm and start
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
