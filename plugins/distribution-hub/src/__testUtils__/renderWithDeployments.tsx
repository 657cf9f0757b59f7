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
import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { renderWithHub } from '../components/TenantsTab/__testUtils__/tenantsHub';
import {
  FakeDeploymentsApi,
  fakeDeploymentsApi,
  fakeRolloutSignals,
} from './deployments';

/** How a view of deployments is rendered; each is a fresh fake when left out. */
export interface DeploymentsRenderOptions {
  api?: FakeDeploymentsApi;
  signals?: ReturnType<typeof fakeRolloutSignals>;
  /** False for an app that does not mount the Release Hub. */
  mountHub?: boolean;
  routeEntries?: string[];
}

/**
 * Renders a view of what the hub deployed, as renderWithHub does, with the
 * fake deployments API and a rollout signal API; returns the fake API.
 */
export async function renderWithDeployments(
  element: ReactElement,
  options: DeploymentsRenderOptions = {},
): Promise<FakeDeploymentsApi> {
  const api = options.api ?? fakeDeploymentsApi();
  const signals = options.signals ?? fakeRolloutSignals();
  await renderWithHub(
    <TestApiProvider apis={[[signalApiRef, signals.api]]}>
      {element}
    </TestApiProvider>,
    { api, mountHub: options.mountHub, routeEntries: options.routeEntries },
  );
  return api;
}

/** Renders an entity page's card for `entity`, as renderWithDeployments. */
export function renderEntityCard(
  card: ReactElement,
  options: DeploymentsRenderOptions & { entity: Entity },
): Promise<FakeDeploymentsApi> {
  return renderWithDeployments(
    <EntityProvider entity={options.entity}>{card}</EntityProvider>,
    options,
  );
}

/** The rows of the table named `name` below its header, as the cells' text. */
export function tableBodyRows(name: string) {
  const table = screen.getByRole('table', { name });
  const [, ...rows] = within(table).getAllByRole('row');
  return rows.map(row =>
    within(row)
      .getAllByRole('cell')
      .map(cell => cell.textContent),
  );
}
