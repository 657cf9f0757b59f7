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
import { serverErrorMessage } from '../TracksTab/trackUtils';

/** @public */
export interface EditTrackDialogProps {
  open: boolean;
  /** The track as shown; the form starts from its title and description. */
  track: ReleaseTrack;
  onClose: () => void;
  /** Called with the track as the server saved it. */
  onSaved: (track: ReleaseTrack) => void;
}

const TITLE_ID = 'edit-track-dialog-title';

/**
 * A dialog to change a release track's title and description; its ID is
 * fixed. The server's refusal is shown in the dialog.
 *
 * @public
 */
export function EditTrackDialog(props: EditTrackDialogProps) {
  const { open, track, onClose, onSaved } = props;
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
      <EditTrackForm
        track={track}
        onCancel={close}
        onSaved={onSaved}
        submitting={submitting}
        setSubmitting={setSubmitting}
      />
    </Dialog>
  );
}

function EditTrackForm(props: {
  track: ReleaseTrack;
  onCancel: () => void;
  onSaved: (track: ReleaseTrack) => void;
  submitting: boolean;
  setSubmitting: (submitting: boolean) => void;
}) {
  const { track, onCancel, onSaved, submitting, setSubmitting } = props;
  const api = useApi(distributionHubApiRef);
  const [title, setTitle] = useState(track.title);
  const [description, setDescription] = useState(track.description ?? '');
  const [serverError, setServerError] = useState<string>();
  const fieldId = useId();

  const titleMissing = title.trim() === '';
  const changed =
    title.trim() !== track.title ||
    description.trim() !== (track.description ?? '').trim();
  const canSubmit = changed && !titleMissing && !submitting;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!canSubmit) {
      return;
    }
    setSubmitting(true);
    setServerError(undefined);
    try {
      const saved = await api.updateTrack(track.name, {
        title: title.trim(),
        // An empty description clears it.
        description: description.trim(),
      });
      setSubmitting(false);
      onSaved(saved);
    } catch (error) {
      setSubmitting(false);
      setServerError(serverErrorMessage(error));
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <DialogTitle id={TITLE_ID}>Edit release track {track.name}</DialogTitle>
      <DialogContent>
        {serverError && (
          <Alert severity="error" role="alert">
            {serverError}
          </Alert>
        )}
        <TextField
          id={`${fieldId}-title`}
          label="Title"
          value={title}
          onChange={e => setTitle(e.target.value)}
          error={titleMissing}
          helperText={
            titleMissing
              ? 'The title must not be empty.'
              : 'A readable name for lists. The ID stays as it is.'
          }
          required
          fullWidth
          margin="normal"
          disabled={submitting}
        />
        <TextField
          id={`${fieldId}-description`}
          label="Description"
          value={description}
          onChange={e => setDescription(e.target.value)}
          helperText="What this product line is; leave empty to remove it."
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
          Save
        </Button>
      </DialogActions>
    </form>
  );
}
