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
import { FormEvent, useId, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { ReleaseTrack } from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../api';
import {
  serverErrorMessage,
  TRACK_ID_RULE,
  trackIdProblem,
} from '../TracksTab/trackUtils';

/** @public */
export interface CreateTrackDialogProps {
  open: boolean;
  onClose: () => void;
  /** Called with the track the server created. */
  onCreated: (track: ReleaseTrack) => void;
}

const TITLE_ID = 'create-track-dialog-title';

/**
 * A dialog to create a release track: its ID (a slug, checked as it is
 * typed), title and description. The server's refusal (e.g. a taken ID) is
 * shown in the dialog.
 *
 * @public
 */
export function CreateTrackDialog(props: CreateTrackDialogProps) {
  const { open, onClose, onCreated } = props;
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
      {/* The form lives only while the dialog is open, so it opens empty. */}
      <CreateTrackForm
        onCancel={close}
        onCreated={onCreated}
        submitting={submitting}
        setSubmitting={setSubmitting}
      />
    </Dialog>
  );
}

function CreateTrackForm(props: {
  onCancel: () => void;
  onCreated: (track: ReleaseTrack) => void;
  submitting: boolean;
  setSubmitting: (submitting: boolean) => void;
}) {
  const { onCancel, onCreated, submitting, setSubmitting } = props;
  const api = useApi(distributionHubApiRef);
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [serverError, setServerError] = useState<string>();
  const fieldId = useId();

  const idProblem = trackIdProblem(id);
  const canSubmit = id !== '' && !idProblem && !submitting;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) {
      return;
    }
    setSubmitting(true);
    setServerError(undefined);
    try {
      const track = await api.createTrack({
        name: id,
        title: title.trim() || undefined,
        description: description.trim() || undefined,
      });
      setSubmitting(false);
      onCreated(track);
    } catch (error) {
      setSubmitting(false);
      setServerError(serverErrorMessage(error));
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id={TITLE_ID}>New release track</DialogTitle>
      <DialogContent>
        {serverError && (
          <Alert severity="error" role="alert">
            {serverError}
          </Alert>
        )}
        <TextField
          id={`${fieldId}-id`}
          label="ID"
          value={id}
          onChange={e => {
            setId(e.target.value);
            setServerError(undefined);
          }}
          error={Boolean(idProblem)}
          helperText={idProblem ?? TRACK_ID_RULE}
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
          id={`${fieldId}-title`}
          label="Title"
          value={title}
          onChange={e => setTitle(e.target.value)}
          helperText="A readable name for lists; defaults to the ID."
          fullWidth
          margin="normal"
          disabled={submitting}
        />
        <TextField
          id={`${fieldId}-description`}
          label="Description"
          value={description}
          onChange={e => setDescription(e.target.value)}
          helperText="What this product line is; optional."
          multiline
          minRows={3}
          fullWidth
          margin="normal"
          disabled={submitting}
        />
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
