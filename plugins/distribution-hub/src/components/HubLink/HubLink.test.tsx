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
import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { HubLink, tenantsTabPath, useOptionalHubPaths } from './HubLink';
import { rootRouteRef } from '../../routes';

function PathsProbe() {
  const paths = useOptionalHubPaths();
  return <span>{paths ? paths.tenants() : 'no hub'}</span>;
}

describe('HubLink', () => {
  it('links into the hub where the app mounts it', async () => {
    await renderInTestApp(
      <>
        <HubLink />
        <HubLink to={paths => tenantsTabPath(paths, 'tenant:default/acme')}>
          Tenants
        </HubLink>
        <PathsProbe />
      </>,
      { mountedRoutes: { '/release-hub': rootRouteRef } },
    );

    expect(
      screen.getByRole('link', { name: 'Open in Release Hub' }),
    ).toHaveAttribute('href', '/release-hub');
    expect(screen.getByRole('link', { name: 'Tenants' })).toHaveAttribute(
      'href',
      '/release-hub/tenants?highlight=tenant%3Adefault%2Facme',
    );
    expect(screen.getByText('/release-hub/tenants')).toBeInTheDocument();
  });

  it('renders nothing when the app does not mount the hub', async () => {
    await renderInTestApp(
      <>
        <HubLink />
        <PathsProbe />
      </>,
    );

    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(screen.getByText('no hub')).toBeInTheDocument();
  });
});
