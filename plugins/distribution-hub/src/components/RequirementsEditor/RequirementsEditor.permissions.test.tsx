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
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { expectTooltip, renderEditor } from './__testUtils__/renderEditor';
import { lockedRelease } from './__testUtils__/fixtures';

jest.mock('../MarkdownEditor', () => ({
  MarkdownEditor: (p: any) => (
    <textarea
      aria-label={p.label}
      value={p.value}
      readOnly={p.readOnly}
      onChange={e => p.onChange(e.target.value)}
    />
  ),
}));

jest.setTimeout(30_000);

// A file of its own: permission answers are cached per test file.
describe('RequirementsEditor for a user the policy denies', () => {
  it('disables every action for a user the policy denies', async () => {
    const { api } = await renderEditor({ authorize: AuthorizeResult.DENY });
    const save = screen.getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await expectTooltip(
      save,
      "You do not have permission to edit this release's requirements",
    );
    expect(screen.getByRole('button', { name: 'Add stage' })).toBeDisabled();
    const lock = screen.getByRole('button', { name: 'Lock requirements' });
    expect(lock).toBeDisabled();
    await expectTooltip(
      lock,
      "You do not have permission to lock this release's requirements",
    );
    // Nothing to edit either.
    expect(screen.queryByLabelText('Add application')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Image for Orders API')).toHaveAttribute(
      'readonly',
    );
    expect(api.putRequirements).not.toHaveBeenCalled();
  });

  it('offers unlocking only to those allowed', async () => {
    await renderEditor({
      release: lockedRelease,
      authorize: AuthorizeResult.DENY,
    });
    const unlock = screen.getByRole('button', { name: 'Unlock to edit' });
    await expectTooltip(
      unlock,
      "You do not have permission to unlock this release's requirements",
    );
    expect(unlock).toBeDisabled();
  });
});
