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
import { ReactNode, useMemo } from 'react';
import { Link, LinkProps } from '@backstage/core-components';
import { RouteFunc, useRouteRef } from '@backstage/core-plugin-api';
import { buildHubPaths, HubPaths } from '../../hooks/useHubPaths';
import { rootRouteRef } from '../../routes';

/**
 * Links into the Release Hub, or undefined when the app does not mount it
 * (a legacy app may use the entity cards without the hub's page). Safe to
 * call anywhere: an unmounted route is not an error here.
 *
 * @public
 */
export function useOptionalHubPaths(): HubPaths | undefined {
  let routeFunc: RouteFunc<undefined> | undefined;
  try {
    // Called once on every render, so hook order is kept: it throws "No
    // path for routeRef" for an unmounted route only after every hook
    // inside it has run.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    routeFunc = useRouteRef(rootRouteRef);
  } catch {
    routeFunc = undefined;
  }
  let root: string | undefined;
  try {
    root = routeFunc?.();
  } catch {
    root = undefined;
  }
  return useMemo(
    () => (root === undefined ? undefined : buildHubPaths(root)),
    [root],
  );
}

/** The Tenants tab of the hub, with an entity's row picked out. */
export function tenantsTabPath(paths: HubPaths, highlight?: string): string {
  return highlight
    ? `${paths.tenants()}?highlight=${encodeURIComponent(highlight)}`
    : paths.tenants();
}

/** @public */
export type HubLinkProps = Omit<LinkProps, 'to'> & {
  /** Where in the hub to go; the hub's front page when left out. */
  to?: (paths: HubPaths) => string;
  children?: ReactNode;
};

/**
 * A link into the Release Hub that renders nothing when the app does not
 * mount the hub.
 *
 * @public
 */
export function HubLink(props: HubLinkProps) {
  const { to, children, ...linkProps } = props;
  const paths = useOptionalHubPaths();
  if (!paths) {
    return null;
  }
  return (
    <Link {...linkProps} to={to ? to(paths) : paths.root}>
      {children ?? 'Open in Release Hub'}
    </Link>
  );
}
