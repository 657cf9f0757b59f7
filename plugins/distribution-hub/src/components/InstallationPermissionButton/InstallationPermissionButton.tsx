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
import { ResourcePermission } from '@backstage/plugin-permission-common';
import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { useInstallationPermission } from '../../hooks/useInstallationPermission';

/** @public */
export type InstallationPermissionButtonProps = Omit<ButtonProps, 'action'> & {
  /** A rollout permission, checked per installation. */
  permission: ResourcePermission;
  /** The installations the action touches, or a sample of them. */
  installationRefs: readonly string[];
  /** Allowed on any of them (the default) or only on all of them. */
  require?: 'any' | 'all';
  /** What the button does, for the tooltip when it is not allowed. */
  action: string;
  /** Another reason the action cannot be taken now, shown as the tooltip. */
  disabledReason?: string;
};

/**
 * Like PermissionedButton, for the hub's per-installation permissions:
 * disabled, with a tooltip that says why, when the policy does not allow the
 * action on the installations it touches.
 *
 * @public
 */
export function InstallationPermissionButton(
  props: InstallationPermissionButtonProps,
) {
  const {
    permission,
    installationRefs,
    require = 'any',
    action,
    disabledReason,
    disabled,
    ...buttonProps
  } = props;
  const { allowed, loading } = useInstallationPermission(
    permission,
    installationRefs,
    require,
  );
  const reason =
    !allowed && !loading
      ? `You do not have permission to ${action}`
      : disabledReason;
  const button = (
    <Button
      {...buttonProps}
      disabled={disabled || loading || !allowed || Boolean(disabledReason)}
    />
  );
  if (!reason) {
    return button;
  }
  // A disabled button fires no events; the span carries the tooltip.
  return (
    <Tooltip title={reason}>
      <span>{button}</span>
    </Tooltip>
  );
}
