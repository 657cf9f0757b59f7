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
import {
  InstallationTier,
  TargetSelector,
} from '@sdh/plugin-distribution-hub-common';
import { PickedEntity } from './CatalogEntitiesPicker';

/** Which installations a rollout or wave takes, as a form holds it. */
export interface SelectorForm {
  tenants: PickedEntity[];
  tiers: InstallationTier[];
  rings: string[];
  installations: PickedEntity[];
}

export function emptySelector(): SelectorForm {
  return { tenants: [], tiers: [], rings: [], installations: [] };
}

export function isEmptySelector(select: SelectorForm): boolean {
  return (
    select.tenants.length === 0 &&
    select.tiers.length === 0 &&
    select.rings.length === 0 &&
    select.installations.length === 0
  );
}

/** The API's selector: only the criteria that were chosen. */
export function selectorRequest(select: SelectorForm): TargetSelector {
  const selector: TargetSelector = {};
  if (select.installations.length > 0) {
    selector.installations = select.installations.map(i => i.ref);
  }
  if (select.tenants.length > 0) {
    selector.tenants = select.tenants.map(t => t.ref);
  }
  if (select.tiers.length > 0) {
    selector.tiers = [...select.tiers];
  }
  if (select.rings.length > 0) {
    selector.rings = [...select.rings];
  }
  return selector;
}

/** "flareup, production tier, canary ring": a selector in words. */
export function describeSelector(select: SelectorForm): string {
  const parts = [
    ...select.tenants.map(t => t.title),
    ...select.tiers.map(t => `${t} tier`),
    ...select.rings.map(r => `${r} ring`),
    ...select.installations.map(i => i.title),
  ];
  return parts.length > 0 ? parts.join(', ') : 'every installation';
}
