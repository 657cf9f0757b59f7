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

import { ReactElement } from 'react';
import { configure } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { ConsumedResponse, ResponseError } from '@backstage/errors';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  compareVersionsDescending,
  DistributionHubApi,
  Page,
  Release,
  ReleaseSummary,
  ReleaseTrack,
} from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../../api';
import { rootRouteRef } from '../../../routes';

// The track views render Material-UI tables and dialogs, which take a while
// on a busy machine; let findBy / waitFor wait longer than the default second.
configure({ asyncUtilTimeout: 5000 });

/*
 * An in-memory stand-in for the hub's REST API, for the track views' tests.
 * It behaves like the backend where the views depend on it: search on name
 * and title, opaque cursors, 404 for an unknown track, 409 for a duplicate.
 */

/** A ResponseError as DistributionHubClient throws it for a failed request. */
export async function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  const statusTexts: Record<number, string> = {
    400: 'Bad Request',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    500: 'Internal Server Error',
  };
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'GET', url: '/api/distribution-hub' },
    response: { statusCode: status },
  });
  const response = {
    ok: false,
    status,
    statusText: statusTexts[status] ?? 'Error',
    headers: {
      get: (header: string) =>
        header.toLocaleLowerCase('en-US') === 'content-type'
          ? 'application/json; charset=utf-8'
          : null,
    },
    text: async () => body,
  } as unknown as ConsumedResponse & { text(): Promise<string> };
  return ResponseError.fromResponse(response);
}

export function makeTrack(
  name: string,
  overrides: Partial<ReleaseTrack> = {},
): ReleaseTrack {
  return {
    name,
    title: name,
    createdBy: 'user:default/jane.doe',
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    releaseCount: 0,
    ...overrides,
  };
}

export function makeRelease(
  track: string,
  version: string,
  overrides: Partial<ReleaseSummary> = {},
): ReleaseSummary {
  return {
    id: `${track}-${version}`,
    track,
    version,
    name: `Release ${version}`,
    status: 'draft',
    locked: false,
    revision: 1,
    createdBy: 'user:default/jane.doe',
    createdAt: new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString(),
    updatedAt: new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString(),
    applicationCount: 0,
    stageCount: 0,
    ...overrides,
  };
}

/** `count` tracks named track-001, track-002, … */
export function manyTracks(count: number): ReleaseTrack[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `track-${String(i + 1).padStart(3, '0')}`;
    return makeTrack(name, { title: `Track ${i + 1}` });
  });
}

export type FakeHubApi = jest.Mocked<
  Pick<
    DistributionHubApi,
    | 'listTracks'
    | 'getTrack'
    | 'createTrack'
    | 'updateTrack'
    | 'listReleases'
    | 'createRelease'
  >
>;

/**
 * A fake API over the given tracks and releases; every method is a jest mock
 * so tests can assert the calls or override a result.
 */
export function fakeHubApi(
  options: { tracks?: ReleaseTrack[]; releases?: ReleaseSummary[] } = {},
): FakeHubApi {
  const tracks = [...(options.tracks ?? [])];
  const releases = [...(options.releases ?? [])];
  const notFound = (name: string) =>
    responseError(404, 'NotFoundError', `No release track named "${name}"`);

  return {
    listTracks: jest.fn(
      async (
        query: {
          search?: string;
          limit?: number;
          cursor?: string;
        } = {},
      ): Promise<Page<ReleaseTrack>> => {
        const term = query.search?.trim().toLocaleLowerCase('en-US');
        const matching = tracks
          .filter(
            t =>
              !term ||
              t.name.includes(term) ||
              t.title.toLocaleLowerCase('en-US').includes(term),
          )
          .sort((a, b) => a.name.localeCompare(b.name));
        const offset = query.cursor ? Number(atob(query.cursor)) : 0;
        const limit = query.limit ?? 50;
        const items = matching.slice(offset, offset + limit);
        const next = offset + items.length;
        return {
          items,
          totalCount: matching.length,
          ...(next < matching.length ? { nextCursor: btoa(String(next)) } : {}),
        };
      },
    ),
    getTrack: jest.fn(async (name: string) => {
      const track = tracks.find(t => t.name === name);
      if (!track) {
        throw await notFound(name);
      }
      return track;
    }),
    createTrack: jest.fn(async input => {
      if (tracks.some(t => t.name === input.name)) {
        throw await responseError(
          409,
          'ConflictError',
          `A track named "${input.name}" already exists`,
        );
      }
      const track = makeTrack(input.name, {
        title: input.title || input.name,
        description: input.description,
      });
      tracks.push(track);
      return track;
    }),
    updateTrack: jest.fn(async (name, change) => {
      const index = tracks.findIndex(t => t.name === name);
      if (index < 0) {
        throw await notFound(name);
      }
      const updated = {
        ...tracks[index],
        ...(change.title !== undefined ? { title: change.title } : {}),
        ...(change.description !== undefined
          ? { description: change.description || undefined }
          : {}),
      };
      tracks[index] = updated;
      return updated;
    }),
    listReleases: jest.fn(async (track: string) => {
      if (!tracks.some(t => t.name === track)) {
        throw await notFound(track);
      }
      return releases
        .filter(r => r.track === track)
        .sort((a, b) => compareVersionsDescending(a.version, b.version));
    }),
    createRelease: jest.fn(async (track, input): Promise<Release> => {
      if (
        releases.some(r => r.track === track && r.version === input.version)
      ) {
        throw await responseError(
          409,
          'ConflictError',
          `Release ${input.version} already exists in track "${track}"`,
        );
      }
      const summary = makeRelease(track, input.version, {
        id: `new-${input.version}`,
        name: input.name || input.version,
        description: input.description,
        clonedFrom: input.cloneFrom,
      });
      releases.push(summary);
      const { applicationCount, stageCount, ...release } = summary;
      return { ...release, requirements: { stages: [] } };
    }),
  };
}

/** Shows where the router is, so tests can assert a navigation. */
export function LocationDisplay() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname}</div>;
}

/**
 * Renders a track view in a test app with the Release Hub mounted at
 * /release-hub, the given API, and a permission policy that allows or denies
 * everything.
 */
export async function renderWithHub(
  element: ReactElement,
  options: {
    api: FakeHubApi;
    permission?: 'allow' | 'deny';
    routeEntries?: string[];
  },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [distributionHubApiRef, options.api],
        [
          permissionApiRef,
          mockApis.permission({
            authorize:
              options.permission === 'deny'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          }),
        ],
      ]}
    >
      {element}
      <LocationDisplay />
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/release-hub': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      routeEntries: options.routeEntries,
    },
  );
}
