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
import { useState } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { analyticsApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Release } from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../../api';
import { RequirementsEditor } from '../RequirementsEditor';
import { components, draftRelease, FakeHubApi, fakeHubApi } from './fixtures';

/*
 * Renders the editor the way a release page does: it takes the release the
 * server returns. usePermission caches answers for the whole test file, so a
 * file tests either allowed or denied users.
 */
export async function renderEditor(
  options: {
    release?: Release;
    api?: FakeHubApi;
    authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  const api = options.api ?? fakeHubApi(options.release);
  const catalogApi = catalogApiMock({ entities: components });
  const getEntitiesByRefs = jest.spyOn(catalogApi, 'getEntitiesByRefs');
  const analyticsApi = mockApis.analytics.mock();
  const onChange = jest.fn();
  function Harness() {
    const [release, setRelease] = useState(options.release ?? draftRelease);
    return (
      <RequirementsEditor
        release={release}
        onChange={updated => {
          onChange(updated);
          setRelease(updated);
        }}
      />
    );
  }
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [distributionHubApiRef, api],
        [catalogApiRef, catalogApi],
        [analyticsApiRef, analyticsApi],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.authorize ?? AuthorizeResult.ALLOW,
          }),
        ],
      ]}
    >
      <Harness />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  // The components' names come from the catalog.
  if ((options.release ?? draftRelease).requirements.stages.length > 0) {
    await screen.findByText('Orders API');
  }
  return { api, onChange, getEntitiesByRefs, analyticsApi };
}

export function stage(index: number) {
  return screen.getByTestId(`stage-${index}`);
}

export function cardNames(index: number) {
  return within(stage(index))
    .queryAllByRole('listitem')
    .map(card => card.getAttribute('data-testid'));
}

/** What a browser's DataTransfer does, as far as the editor uses it. */
export function dataTransfer() {
  const data: Record<string, string> = {};
  return {
    data,
    dropEffect: 'none',
    effectAllowed: 'all',
    setData: jest.fn((type: string, value: string) => {
      data[type] = value;
    }),
    getData: (type: string) => data[type] ?? '',
    get types() {
      return Object.keys(data);
    },
  };
}

/** Hovers a disabled button's wrapper and waits for its tooltip. */
export async function expectTooltip(button: HTMLElement, text: string) {
  await userEvent.hover(button.parentElement!);
  await waitFor(() =>
    expect(screen.getByRole('tooltip')).toHaveTextContent(text),
  );
  await userEvent.unhover(button.parentElement!);
}
