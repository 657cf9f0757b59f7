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
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { distributionHubApiRef } from '../../api';
import {
  catalogApiImages,
  fakeHubApi,
} from '../RequirementsEditor/__testUtils__/fixtures';
import { ImagePicker, shortDigest } from './ImagePicker';

async function renderPicker(
  entityRef: string,
  initial?: string,
  readOnly?: boolean,
) {
  const api = fakeHubApi();
  const onChange = jest.fn();
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <ImagePicker
        entityRef={entityRef}
        label="Image for Catalog API"
        value={value}
        readOnly={readOnly}
        onChange={next => {
          onChange(next);
          setValue(next);
        }}
      />
    );
  }
  await renderInTestApp(
    <TestApiProvider apis={[[distributionHubApiRef, api]]}>
      <Harness />
    </TestApiProvider>,
  );
  return {
    api,
    onChange,
    // Re-read each time: the field becomes a full picker once focused.
    field: () => screen.getByRole('textbox', { name: 'Image for Catalog API' }),
  };
}

jest.setTimeout(20_000);

describe('ImagePicker', () => {
  it('lists tags with short digests once opened and fills in the reference', async () => {
    const { api, onChange, field } = await renderPicker(
      'component:default/catalog-api',
    );
    // Nothing is listed before the field is opened.
    expect(api.listImages).not.toHaveBeenCalled();

    await userEvent.click(field());
    const listbox = await screen.findByRole('listbox');
    const options = within(listbox).getAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      '1.1.0sha256:ab12cd34ef56',
      '1.0.0sha256:0f1e2d3c4b5a',
    ]);
    expect(api.listImages).toHaveBeenCalledTimes(1);
    expect(api.listImages).toHaveBeenCalledWith(
      'component:default/catalog-api',
    );

    await userEvent.click(options[0]);
    expect(onChange).toHaveBeenLastCalledWith(
      catalogApiImages.images[0].reference,
    );
    expect(field()).toHaveValue(catalogApiImages.images[0].reference);
    expect(screen.queryByText(/The reference/)).not.toBeInTheDocument();
  });

  it('checks a typed reference as it is typed', async () => {
    const { onChange, field } = await renderPicker(
      'component:default/catalog-api',
    );
    await userEvent.click(field());
    await userEvent.type(field(), 'Shop/Orders');
    expect(
      screen.getByText(/^The reference is not an OCI image reference/),
    ).toBeInTheDocument();
    expect(field()).toHaveAttribute('aria-invalid', 'true');

    await userEvent.clear(field());
    await userEvent.type(field(), 'shop/orders');
    expect(
      screen.getByText(
        'The reference has neither a tag nor a digest; pin the image with one',
      ),
    ).toBeInTheDocument();

    await userEvent.type(field(), ':1.2.3');
    expect(screen.queryByText(/^The reference/)).not.toBeInTheDocument();
    expect(onChange).toHaveBeenLastCalledWith('shop/orders:1.2.3');

    await userEvent.clear(field());
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });

  it('says why images cannot be listed and keeps free typing', async () => {
    const { field, onChange } = await renderPicker(
      'component:default/orders-api',
    );
    await userEvent.click(field());
    expect(
      await screen.findByText(
        'Could not list images: No image repository for component:default/orders-api: add the distribution-hub.io/image-repository annotation. Type a reference instead.',
      ),
    ).toBeInTheDocument();

    await userEvent.type(field(), 'shop/orders-api:2.0.0');
    expect(field()).toHaveValue('shop/orders-api:2.0.0');
    expect(onChange).toHaveBeenLastCalledWith('shop/orders-api:2.0.0');
  });

  it('only shows the image when read-only', async () => {
    const { field, api } = await renderPicker(
      'component:default/catalog-api',
      'shop/catalog-api:1.0.0',
      true,
    );
    expect(field()).toHaveValue('shop/catalog-api:1.0.0');
    expect(field()).toHaveAttribute('readonly');
    await userEvent.click(field());
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(api.listImages).not.toHaveBeenCalled();
  });

  it('shortens digests', () => {
    expect(shortDigest(`sha256:${'a'.repeat(64)}`)).toBe('sha256:aaaaaaaaaaaa');
  });
});
