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
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  Release,
  releaseUpdatePermission,
} from '@sdh/plugin-distribution-hub-common';
import { useState } from 'react';
import { distributionHubApiRef } from '../../api';
import { ChangeErrorAlert } from '../LifecycleActions';
import { MarkdownEditor } from '../MarkdownEditor';
import { PermissionedButton } from '../PermissionedButton';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    gap: theme.spacing(1),
    marginTop: theme.spacing(2),
  },
  alert: {
    marginBottom: theme.spacing(2),
  },
}));

/**
 * A release's notes: edited in Markdown with a preview and saved with the
 * release's revision; read-only once the release is rescinded.
 */
export function ReleaseNotes(props: {
  release: Release;
  onChange(release: Release): void;
}) {
  const { release, onChange } = props;
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const alertApi = useApi(alertApiRef);
  const canUpdate = usePermission({ permission: releaseUpdatePermission });
  // The text being edited; undefined while it is the saved notes, so that a
  // release changed elsewhere on the page shows its new notes.
  const [draft, setDraft] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();

  const saved = release.notes ?? '';
  const text = draft ?? saved;
  const dirty = draft !== undefined && draft !== saved;

  if (release.status === 'rescinded') {
    return (
      <>
        <MarkdownEditor
          label="Release notes"
          value={saved}
          onChange={() => {}}
          emptyText="This release has no notes."
          readOnly
        />
        <Typography variant="body2" color="textSecondary">
          The release is rescinded, so its notes can no longer be changed.
        </Typography>
      </>
    );
  }

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const updated = await api.updateRelease(
        release.id,
        { notes: text },
        { revision: release.revision },
      );
      setDraft(undefined);
      onChange(updated);
      alertApi.post({
        message: 'Release notes saved',
        severity: 'success',
        display: 'transient',
      });
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {Boolean(error) && (
        <Box className={classes.alert}>
          <ChangeErrorAlert
            error={error}
            releaseId={release.id}
            onReloaded={reloaded => {
              // Keeps what was typed, to be saved again on the new revision.
              setError(undefined);
              onChange(reloaded);
            }}
          />
        </Box>
      )}
      <MarkdownEditor
        label="Release notes"
        value={text}
        onChange={setDraft}
        readOnly={!canUpdate.loading && !canUpdate.allowed}
        emptyText="This release has no notes yet."
        helperText="What is in this release, for the people who roll it out. Markdown is supported."
        disabled={saving}
      />
      <Box className={classes.actions}>
        <PermissionedButton
          permission={releaseUpdatePermission}
          action="edit releases"
          disabledReason={dirty ? undefined : 'No changes to save'}
          disabled={saving}
          variant="contained"
          color="primary"
          onClick={save}
        >
          Save
        </PermissionedButton>
        {dirty && (
          <Button
            onClick={() => {
              setDraft(undefined);
              setError(undefined);
            }}
            disabled={saving}
          >
            Discard changes
          </Button>
        )}
      </Box>
    </>
  );
}
