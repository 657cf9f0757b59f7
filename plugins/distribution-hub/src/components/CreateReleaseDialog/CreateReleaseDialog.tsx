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
import { FormEvent, useId, useMemo, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  compareVersionsDescending,
  isSemanticVersion,
  Release,
  ReleaseSummary,
} from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../api';
import { RELEASE_STATUS_LABELS } from '../ReleaseStatusChip';
import { serverErrorMessage } from '../TracksTab/trackUtils';

/** @public */
export interface CreateReleaseDialogProps {
  open: boolean;
  /** The ID of the track the release is created in. */
  track: string;
  /** The track's releases: to warn of a taken version and to clone one. */
  releases: ReleaseSummary[];
  onClose: () => void;
  /** Called with the release the server created. */
  onCreated: (release: Release) => void;
}

/** How a version must be written, for the helper text. */
export const VERSION_RULE = 'MAJOR.MINOR.PATCH, e.g. 1.4.0 or 2.0.0-rc.1';

const TITLE_ID = 'create-release-dialog-title';

/**
 * What is wrong with a version as typed, or undefined when it is fine (or
 * still empty).
 */
function versionProblem(
  version: string,
  releases: ReleaseSummary[],
): string | undefined {
  if (version === '') {
    return undefined;
  }
  if (!isSemanticVersion(version)) {
    return `Not a semantic version: use ${VERSION_RULE}.`;
  }
  if (releases.some(r => r.version === version)) {
    return `Release ${version} already exists in this track.`;
  }
  return undefined;
}

/** A release as offered to clone: version, name and status. */
function describeSource(release: ReleaseSummary): string {
  const name = release.name !== release.version ? ` — ${release.name}` : '';
  const status = RELEASE_STATUS_LABELS[release.status] ?? release.status;
  return `${release.version}${name} (${status})`;
}

/**
 * A dialog to create a release in a track: its version (semver, checked as
 * it is typed), name, description, and whether it starts empty or as a copy
 * of one of the track's releases. The server's refusal is shown in the
 * dialog.
 *
 * @public
 */
export function CreateReleaseDialog(props: CreateReleaseDialogProps) {
  const { open, track, releases, onClose, onCreated } = props;
  const [submitting, setSubmitting] = useState(false);
  const close = () => {
    if (!submitting) {
      onClose();
    }
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      aria-labelledby={TITLE_ID}
      fullWidth
      maxWidth="sm"
    >
      {/* The form lives only while the dialog is open, so it opens fresh. */}
      <CreateReleaseForm
        track={track}
        releases={releases}
        onCancel={close}
        onCreated={onCreated}
        submitting={submitting}
        setSubmitting={setSubmitting}
      />
    </Dialog>
  );
}

function CreateReleaseForm(props: {
  track: string;
  releases: ReleaseSummary[];
  onCancel: () => void;
  onCreated: (release: Release) => void;
  submitting: boolean;
  setSubmitting: (submitting: boolean) => void;
}) {
  const { track, releases, onCancel, onCreated, submitting, setSubmitting } =
    props;
  const api = useApi(distributionHubApiRef);
  const fieldId = useId();

  // Newest first, whatever order the caller kept them in.
  const sources = useMemo(
    () =>
      [...releases].sort((a, b) =>
        compareVersionsDescending(a.version, b.version),
      ),
    [releases],
  );

  const [version, setVersion] = useState('');
  // The name follows the version until it is edited.
  const [editedName, setEditedName] = useState<string>();
  const [description, setDescription] = useState('');
  const [startFrom, setStartFrom] = useState<'scratch' | 'clone'>('scratch');
  const [cloneFrom, setCloneFrom] = useState(sources[0]?.id ?? '');
  const [serverError, setServerError] = useState<string>();

  const name = editedName ?? version;
  const problem = versionProblem(version, releases);
  const cloning = startFrom === 'clone' && cloneFrom !== '';
  const canSubmit =
    version !== '' &&
    !problem &&
    (startFrom === 'scratch' || cloning) &&
    !submitting;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) {
      return;
    }
    setSubmitting(true);
    setServerError(undefined);
    try {
      const release = await api.createRelease(track, {
        version,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(cloning ? { cloneFrom } : {}),
      });
      setSubmitting(false);
      onCreated(release);
    } catch (error) {
      setSubmitting(false);
      setServerError(serverErrorMessage(error));
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id={TITLE_ID}>New release in {track}</DialogTitle>
      <DialogContent>
        {serverError && (
          <Alert severity="error" role="alert">
            {serverError}
          </Alert>
        )}
        <TextField
          id={`${fieldId}-version`}
          label="Version"
          value={version}
          onChange={e => {
            setVersion(e.target.value.trim());
            setServerError(undefined);
          }}
          error={Boolean(problem)}
          helperText={problem ?? VERSION_RULE}
          placeholder={sources[0] ? `newest is ${sources[0].version}` : '1.0.0'}
          inputProps={{
            spellCheck: false,
            autoCapitalize: 'none',
            autoComplete: 'off',
          }}
          required
          fullWidth
          margin="normal"
          disabled={submitting}
        />
        <TextField
          id={`${fieldId}-name`}
          label="Name"
          value={name}
          onChange={e => setEditedName(e.target.value)}
          helperText="Defaults to the version."
          fullWidth
          margin="normal"
          disabled={submitting}
        />
        <TextField
          id={`${fieldId}-description`}
          label="Description"
          value={description}
          onChange={e => setDescription(e.target.value)}
          helperText="What this release brings; optional."
          multiline
          minRows={2}
          fullWidth
          margin="normal"
          disabled={submitting}
        />
        <FormControl
          component="fieldset"
          margin="normal"
          fullWidth
          disabled={submitting}
        >
          <FormLabel component="legend" id={`${fieldId}-start-from`}>
            Start from
          </FormLabel>
          <RadioGroup
            aria-labelledby={`${fieldId}-start-from`}
            name="start-from"
            value={startFrom}
            onChange={e =>
              setStartFrom(e.target.value === 'clone' ? 'clone' : 'scratch')
            }
          >
            <FormControlLabel
              value="scratch"
              control={<Radio color="primary" />}
              label="Scratch"
            />
            <FormControlLabel
              value="clone"
              control={<Radio color="primary" />}
              label="Clone a release"
              disabled={sources.length === 0}
            />
          </RadioGroup>
        </FormControl>
        {startFrom === 'clone' && (
          <TextField
            id={`${fieldId}-clone-from`}
            select
            SelectProps={{ native: true }}
            label="Release to clone"
            value={cloneFrom}
            onChange={e => setCloneFrom(e.target.value)}
            helperText="Its applications, images, instructions and stages are copied into the new release."
            fullWidth
            margin="normal"
            disabled={submitting}
          >
            {sources.map(source => (
              <option key={source.id} value={source.id}>
                {describeSource(source)}
              </option>
            ))}
          </TextField>
        )}
        {sources.length === 0 && (
          <Alert severity="info">
            This track has no release to clone yet; the first one starts from
            scratch.
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} disabled={submitting}>
          Cancel
        </Button>
        <Button
          type="submit"
          color="primary"
          variant="contained"
          disabled={!canSubmit}
          startIcon={
            submitting ? <CircularProgress size={16} color="inherit" /> : null
          }
        >
          Create
        </Button>
      </DialogActions>
    </form>
  );
}
