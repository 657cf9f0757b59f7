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
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { Release } from '@sdh/plugin-distribution-hub-common';
import { distributionHubApiRef } from '../../api';
import { RequirementsEditor } from './RequirementsEditor';
import { cardNames } from './__testUtils__/renderEditor';
import { draftRelease, fakeHubApi } from './__testUtils__/fixtures';

// Counts how often application cards render their (stubbed) image pickers.
const mockImagePickerRenders = { count: 0 };
jest.mock('../ImagePicker', () => ({
  ...jest.requireActual('../ImagePicker'),
  ImagePicker: (p: { label: string; value?: string }) => {
    mockImagePickerRenders.count += 1;
    return <input aria-label={p.label} value={p.value ?? ''} readOnly />;
  },
}));
jest.mock('../MarkdownEditor', () => ({ MarkdownEditor: () => null }));

const STAGES = 5;
const PER_STAGE = 40;

const entities: Entity[] = Array.from(
  { length: STAGES * PER_STAGE },
  (_, i) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `app-${i}`,
      namespace: 'default',
      title: `Application ${i}`,
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  }),
);

const bigRelease: Release = {
  ...draftRelease,
  requirements: {
    stages: Array.from({ length: STAGES }, (_, s) => ({
      name: `Wave ${s + 1}`,
      apps: Array.from({ length: PER_STAGE }, (__, a) => ({
        entityRef: `component:default/app-${s * PER_STAGE + a}`,
        image: `shop/app-${s * PER_STAGE + a}:1.0.0`,
      })),
    })),
  },
};

describe('RequirementsEditor with 200 applications', () => {
  it('asks the catalog once and re-renders only the cards that change', async () => {
    const api = fakeHubApi(bigRelease);
    const catalogApi = catalogApiMock({ entities });
    const getEntitiesByRefs = jest.spyOn(catalogApi, 'getEntitiesByRefs');
    const getEntityByRef = jest.spyOn(catalogApi, 'getEntityByRef');
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [distributionHubApiRef, api],
          [catalogApiRef, catalogApi],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <RequirementsEditor release={bigRelease} onChange={jest.fn()} />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    await screen.findByText('Application 199');
    // Each card rendered once: cards wait for the names and permissions.
    expect(mockImagePickerRenders.count).toBe(200);

    expect(screen.getAllByTestId(/^app-app-/)).toHaveLength(200);
    // Every card is whole at once: its link, buttons and image field.
    expect(
      screen.getAllByRole('link', { name: /^Application \d+$/ }),
    ).toHaveLength(200);
    expect(
      screen.getAllByRole('button', { name: /^Move Application \d+/ }),
    ).toHaveLength(200);
    expect(screen.getAllByLabelText(/^Image for Application /)).toHaveLength(
      200,
    );
    expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
    expect(getEntitiesByRefs.mock.calls[0][0].entityRefs).toHaveLength(200);
    expect(getEntityByRef).not.toHaveBeenCalled();
    expect(api.listImages).not.toHaveBeenCalled();

    // Renaming a stage renders no card.
    mockImagePickerRenders.count = 0;
    await userEvent.type(screen.getByLabelText('Name of stage 2'), '!');
    expect(screen.getByTestId('stage-1')).toHaveAttribute(
      'aria-label',
      'Stage 2: Wave 2!',
    );
    expect(mockImagePickerRenders.count).toBe(0);

    // Moving one renders that one only.
    await userEvent.click(
      within(screen.getByTestId('app-app-0')).getByRole('button', {
        name: 'Move Application 0 to another stage',
      }),
    );
    mockImagePickerRenders.count = 0;
    await userEvent.click(await screen.findByText('Stage 5: Wave 5'));
    await waitFor(() => expect(cardNames(4)).toHaveLength(PER_STAGE + 1));
    expect(cardNames(0)).toHaveLength(PER_STAGE - 1);
    expect(mockImagePickerRenders.count).toBeLessThanOrEqual(2);

    // Removing one renders no other card.
    mockImagePickerRenders.count = 0;
    await userEvent.click(
      within(screen.getByTestId('app-app-1')).getByRole('button', {
        name: 'Remove Application 1',
      }),
    );
    expect(mockImagePickerRenders.count).toBe(0);
    expect(screen.getAllByTestId(/^app-app-/)).toHaveLength(199);
    // jsdom is slow with this many elements; a browser is not.
  }, 60_000);
});
