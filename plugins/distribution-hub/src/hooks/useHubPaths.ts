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
import { useRouteRef } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import { rootRouteRef } from '../routes';

/** The tabs of a release page, each with its own URL. */
export type ReleaseTab = 'overview' | 'requirements' | 'history' | 'rollouts';

/** Links to every page and tab of the hub, so any view can be shared. */
export interface HubPaths {
  root: string;
  tracks(): string;
  tenants(): string;
  fleet(): string;
  track(name: string): string;
  release(id: string, tab?: ReleaseTab): string;
}

/** Builds hub URLs from wherever the app mounted the Release Hub page. */
export function buildHubPaths(root: string): HubPaths {
  const base = root.replace(/\/$/, '');
  return {
    root: base || '/',
    tracks: () => `${base}/tracks`,
    tenants: () => `${base}/tenants`,
    fleet: () => `${base}/fleet`,
    track: name => `${base}/tracks/${encodeURIComponent(name)}`,
    release: (id, tab = 'overview') =>
      `${base}/releases/${encodeURIComponent(id)}/${tab}`,
  };
}

/** @public */
export function useHubPaths(): HubPaths {
  const root = useRouteRef(rootRouteRef)();
  return useMemo(() => buildHubPaths(root), [root]);
}
