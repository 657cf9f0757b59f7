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

/**
 * The apiVersion of the hub's catalog kinds. Backstage reserves `backstage.io`.
 *
 * @public
 */
export const DISTRIBUTION_HUB_API_VERSION = 'distribution-hub.io/v1alpha1';

/** @public */
export const TENANT_KIND = 'Tenant';

/** @public */
export const INSTALLATION_KIND = 'Installation';

/**
 * The tiers an installation can have, from most to least critical.
 *
 * @public
 */
export const INSTALLATION_TIERS = [
  'production',
  'staging',
  'qa',
  'development',
] as const;

/** @public */
export type InstallationTier = (typeof INSTALLATION_TIERS)[number];

/**
 * Weekdays as written in maintenance windows, in `Date.getUTCDay()` order.
 *
 * @public
 */
export const WEEKDAYS = [
  'sun',
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
] as const;

/** @public */
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Annotation naming the image repository to list an application's tags from.
 *
 * @public
 */
export const ANNOTATION_IMAGE_REPOSITORY =
  'distribution-hub.io/image-repository';

/**
 * Annotation the catalog module sets on an installation whose environments
 * are already claimed by another installation.
 *
 * @public
 */
export const ANNOTATION_ENVIRONMENT_CONFLICTS =
  'distribution-hub.io/environment-conflicts';

/**
 * The events topic on which the hub announces that tenants or installations
 * created in the portal changed, so the catalog picks them up at once.
 *
 * @public
 */
export const PORTAL_ENTITIES_TOPIC = 'distribution-hub.portal-entities';
