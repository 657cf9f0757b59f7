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
import { useState } from 'react';
import {
  fakeRolloutApi,
  renderRollouts,
} from '../RolloutsTab/__testUtils__/rollouts';
import { emptySelector, SelectorForm } from './selectorForm';
import { TargetSelectorFields } from './TargetSelectorFields';

function Harness(props: { onChange(value: SelectorForm): void }) {
  const [value, setValue] = useState(emptySelector());
  return (
    <TargetSelectorFields
      label="Rollout targets"
      value={value}
      onChange={next => {
        setValue(next);
        props.onChange(next);
      }}
    />
  );
}

async function renderFields() {
  const onChange = jest.fn();
  await renderRollouts(<Harness onChange={onChange} />, {
    api: fakeRolloutApi(),
  });
  return {
    onChange,
    group: screen.getByRole('group', { name: 'Rollout targets' }),
  };
}

async function pick(
  group: HTMLElement,
  field: string,
  option: string | RegExp,
) {
  await userEvent.click(within(group).getByLabelText(field));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('TargetSelectorFields', () => {
  it('picks tenants and installations from the catalog by search', async () => {
    const { group, onChange } = await renderFields();

    await userEvent.type(within(group).getByLabelText('Tenants'), 'flare');
    await userEvent.click(
      await screen.findByRole('option', { name: /Flareup\.xyz/ }),
    );
    await pick(group, 'Installations', /Initech QA/);

    expect(onChange).toHaveBeenLastCalledWith({
      tenants: [{ ref: 'tenant:default/flareup', title: 'Flareup.xyz' }],
      tiers: [],
      rings: [],
      installations: [
        { ref: 'installation:default/initech-qa', title: 'Initech QA' },
      ],
    });
    // The picked tenant shows as a chip, by title.
    expect(
      within(group).getByRole('button', { name: 'Flareup.xyz' }),
    ).toBeInTheDocument();
  });

  it('offers the tiers, and the rings tenants are in', async () => {
    const { group, onChange } = await renderFields();

    await pick(group, 'Tiers', 'qa');
    await userEvent.click(within(group).getByLabelText('Rings'));
    const rings = await screen.findAllByRole('option');
    expect(rings.map(r => r.textContent)).toEqual(['canary']);
    await userEvent.click(rings[0]);

    await waitFor(() =>
      expect(onChange).toHaveBeenLastCalledWith({
        tenants: [],
        tiers: ['qa'],
        rings: ['canary'],
        installations: [],
      }),
    );
  });
});
