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
import { createPermission } from '@backstage/plugin-permission-common';

/** @public */
export const trackCreatePermission = createPermission({
  name: 'distribution-hub.track.create',
  attributes: { action: 'create' },
});

/** @public */
export const trackUpdatePermission = createPermission({
  name: 'distribution-hub.track.update',
  attributes: { action: 'update' },
});

/** @public */
export const releaseCreatePermission = createPermission({
  name: 'distribution-hub.release.create',
  attributes: { action: 'create' },
});

/**
 * Editing a release's name, description, notes and (until locked) its
 * requirements.
 *
 * @public
 */
export const releaseUpdatePermission = createPermission({
  name: 'distribution-hub.release.update',
  attributes: { action: 'update' },
});

/** @public */
export const releaseLockPermission = createPermission({
  name: 'distribution-hub.release.lock',
  attributes: { action: 'update' },
});

/** @public */
export const releaseUnlockPermission = createPermission({
  name: 'distribution-hub.release.unlock',
  attributes: { action: 'update' },
});

/** @public */
export const releaseStatusChangePermission = createPermission({
  name: 'distribution-hub.release.status.change',
  attributes: { action: 'update' },
});

/**
 * Creating and editing tenants and installations in the portal.
 *
 * @public
 */
export const tenantManagePermission = createPermission({
  name: 'distribution-hub.tenant.manage',
  attributes: { action: 'update' },
});

/**
 * The resource type of the hub's rollout permissions: an installation, as
 * `{ installationRef, tenantRef, tier }`, so that a policy can allow them
 * for some tenants or tiers only (the backend's `isInTenant` and `hasTier`
 * rules).
 *
 * @public
 */
export const RESOURCE_TYPE_DISTRIBUTION_HUB_INSTALLATION =
  'distribution-hub-installation';

/**
 * Starting a rollout: checked for each installation it would deploy to.
 *
 * @public
 */
export const rolloutCreatePermission = createPermission({
  name: 'distribution-hub.rollout.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_DISTRIBUTION_HUB_INSTALLATION,
});

/**
 * Pausing, resuming and cancelling a rollout (checked for every one of its
 * installations) and retrying one installation (checked for that one).
 *
 * @public
 */
export const rolloutControlPermission = createPermission({
  name: 'distribution-hub.rollout.control',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_DISTRIBUTION_HUB_INSTALLATION,
});

/**
 * Every permission of the hub, for registration and for policies.
 *
 * @public
 */
export const distributionHubPermissions = [
  trackCreatePermission,
  trackUpdatePermission,
  releaseCreatePermission,
  releaseUpdatePermission,
  releaseLockPermission,
  releaseUnlockPermission,
  releaseStatusChangePermission,
  tenantManagePermission,
  rolloutCreatePermission,
  rolloutControlPermission,
];
