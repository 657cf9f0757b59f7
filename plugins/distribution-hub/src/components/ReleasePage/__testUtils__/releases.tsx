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

import { ConsumedResponse, ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  DistributionHubApi,
  Release,
  ReleaseHistoryEntry,
} from '@sdh/plugin-distribution-hub-common';
import { ReactElement } from 'react';
import { useLocation } from 'react-router-dom';
import { distributionHubApiRef } from '../../../api';
import { rootRouteRef } from '../../../routes';

/*
 * Releases, a fake hub API and a render helper for the release page's tests
 * (ReleasePage, ReleaseOverview, LifecycleActions, ReleaseHistory).
 */

const HOUR = 3600 * 1000;

export function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * HOUR).toISOString();
}

/** A draft of payments 1.4.0 with two stages, not locked. */
export function makeRelease(overrides: Partial<Release> = {}): Release {
  return {
    id: 'rel-140',
    track: 'payments',
    version: '1.4.0',
    name: 'Spring release',
    description: 'Faster checkout and a new refunds API.',
    notes: '## Highlights\n\n- Faster checkout',
    status: 'draft',
    requirements: {
      stages: [
        {
          name: 'Backend',
          apps: [
            {
              entityRef: 'component:default/orders-api',
              image: 'registry.example.com/orders-api:1.4.0',
            },
            {
              entityRef: 'component:default/refunds-api',
              image: 'registry.example.com/refunds-api:1.0.0',
            },
          ],
        },
        {
          name: 'Frontend',
          apps: [
            {
              entityRef: 'component:default/web',
              image: 'registry.example.com/web:1.4.0',
            },
          ],
        },
      ],
    },
    locked: false,
    revision: 7,
    createdBy: 'user:default/jane.doe',
    createdAt: hoursAgo(72),
    updatedAt: hoursAgo(2),
    ...overrides,
  };
}

/** The same release with its requirements locked, in the given status. */
export function lockedRelease(
  status: Release['status'] = 'draft',
  overrides: Partial<Release> = {},
): Release {
  return makeRelease({
    status,
    locked: true,
    lockedBy: 'user:default/omar.haddad',
    lockedAt: hoursAgo(3),
    ...overrides,
  });
}

/** A ResponseError as DistributionHubClient throws it for a failed request. */
export async function responseError(
  status: number,
  message: string,
): Promise<ResponseError> {
  const names: Record<number, [string, string]> = {
    403: ['NotAllowedError', 'Forbidden'],
    404: ['NotFoundError', 'Not Found'],
    409: ['ConflictError', 'Conflict'],
    500: ['Error', 'Internal Server Error'],
  };
  const [name, statusText] = names[status] ?? ['Error', 'Error'];
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'POST', url: '/api/distribution-hub' },
    response: { statusCode: status },
  });
  const response = {
    ok: false,
    status,
    statusText,
    headers: {
      get: (header: string) =>
        header.toLowerCase() === 'content-type'
          ? 'application/json; charset=utf-8'
          : null,
    },
    text: async () => body,
  } as unknown as ConsumedResponse & { text(): Promise<string> };
  return ResponseError.fromResponse(response);
}

/** The calls the release page makes, as jest mocks. */
export type FakeHubApi = {
  [K in
    | 'getRelease'
    | 'updateRelease'
    | 'setReleaseStatus'
    | 'getReleaseHistory']: jest.MockedFunction<DistributionHubApi[K]>;
};

/**
 * A hub API that serves one release and its history, and applies notes and
 * status changes to it the way the backend does, with revisions.
 */
export function fakeHubApi(
  initial: Release,
  history: ReleaseHistoryEntry[] = [],
): FakeHubApi {
  let current = initial;
  const change = (patch: Partial<Release>) => {
    current = {
      ...current,
      ...patch,
      revision: current.revision + 1,
      updatedAt: new Date().toISOString(),
    };
    return current;
  };
  return {
    getRelease: jest.fn(async (id: string) => {
      if (id !== current.id) {
        throw await responseError(404, `No release with id ${id}`);
      }
      return current;
    }),
    updateRelease: jest.fn(async (_id, input, _options) => change(input)),
    setReleaseStatus: jest.fn(async (_id, status) => change({ status })),
    getReleaseHistory: jest.fn(async (_id: string) => history),
  };
}

export type PermissionPolicy =
  | 'allow'
  | 'deny'
  | ((request: EvaluatePermissionRequest) => AuthorizeResult);

/** Renders inside a test app with the hub mounted at /release-hub. */
export function renderWithHub(
  element: ReactElement,
  options: {
    api: Partial<DistributionHubApi>;
    permission?: PermissionPolicy;
    routeEntries?: string[];
  },
) {
  const { api, permission = 'allow', routeEntries } = options;
  let authorize: Parameters<typeof mockApis.permission>[0] = {};
  if (permission === 'deny') {
    authorize = { authorize: AuthorizeResult.DENY };
  } else if (typeof permission === 'function') {
    authorize = {
      authorize: request =>
        permission(request) === AuthorizeResult.ALLOW
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    };
  }
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [distributionHubApiRef, api],
        [permissionApiRef, mockApis.permission(authorize)],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/release-hub': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      routeEntries,
    },
  );
}

/** Shows the current path, so tests can check where a link went. */
export function CurrentPath() {
  const location = useLocation();
  return <div data-testid="current-path">{location.pathname}</div>;
}
