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
import { serverErrorMessage as changeErrorMessage } from '../../lib/serverErrorMessage';

export { changeErrorMessage };
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { Release } from '@sdh/plugin-distribution-hub-common';
import { useState } from 'react';
import { distributionHubApiRef } from '../../api';

/**
 * Whether the server refused a change because of the release's state: a
 * stale revision, locked requirements, a rescinded release or a transition
 * that is not allowed from the current status.
 */
export function isConflictError(error: unknown): boolean {
  return ResponseError.is(error) && error.statusCode === 409;
}

/** @public */
export interface ChangeErrorAlertProps {
  /** What the API threw. */
  error: unknown;
  /** The release the change was for; Reload fetches it again. */
  releaseId: string;
  /** Called with the release as it is now, after Reload. */
  onReloaded(release: Release): void;
}

/**
 * Why a change to a release failed, with the server's message; for a
 * conflict (409) it offers to reload the release as it is now.
 *
 * @public
 */
export function ChangeErrorAlert(props: ChangeErrorAlertProps) {
  const { error, releaseId, onReloaded } = props;
  const api = useApi(distributionHubApiRef);
  const [reloading, setReloading] = useState(false);
  const [reloadError, setReloadError] = useState<string>();
  const conflict = isConflictError(error);

  const reload = async () => {
    setReloading(true);
    setReloadError(undefined);
    try {
      onReloaded(await api.getRelease(releaseId));
    } catch (e) {
      setReloadError(changeErrorMessage(e));
    } finally {
      setReloading(false);
    }
  };

  return (
    <Alert
      severity="error"
      role="alert"
      action={
        conflict ? (
          <Button
            color="inherit"
            size="small"
            onClick={reload}
            disabled={reloading}
          >
            Reload
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>
        {conflict ? 'The change was refused' : 'The change failed'}
      </AlertTitle>
      {changeErrorMessage(error)}
      {conflict && (
        <div>Reload to see the release as it is now, then try again.</div>
      )}
      {reloadError && <div>Could not reload the release: {reloadError}</div>}
    </Alert>
  );
}
