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
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { InstructionsDialog } from './InstructionsDialog';

jest.mock('../MarkdownEditor', () => ({
  MarkdownEditor: (p: any) =>
    p.readOnly ? (
      <div aria-label={p.label}>{p.value}</div>
    ) : (
      <textarea
        aria-label={p.label}
        value={p.value}
        onChange={e => p.onChange(e.target.value)}
      />
    ),
}));

describe('InstructionsDialog', () => {
  it('edits the instructions and applies them', async () => {
    const onApply = jest.fn();
    const onClose = jest.fn();
    await renderInTestApp(
      <InstructionsDialog
        open
        name="Orders API"
        value="Run the migration."
        onApply={onApply}
        onClose={onClose}
      />,
    );
    expect(
      screen.getByRole('dialog', { name: 'Instructions for Orders API' }),
    ).toBeInTheDocument();
    const editor = screen.getByLabelText('Release instructions');
    expect(editor).toHaveValue('Run the migration.');

    await userEvent.type(editor, ' Then **restart**.');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onApply).toHaveBeenCalledWith(
      'Run the migration. Then **restart**.',
    );
    expect(onClose).toHaveBeenCalled();
  });

  it('applies emptied instructions as none, and cancels without applying', async () => {
    const onApply = jest.fn();
    const onClose = jest.fn();
    await renderInTestApp(
      <InstructionsDialog
        open
        name="Orders API"
        value="Old"
        onApply={onApply}
        onClose={onClose}
      />,
    );
    await userEvent.clear(screen.getByLabelText('Release instructions'));
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onApply).not.toHaveBeenCalled();
    expect(onClose).toHaveBeenCalledTimes(1);

    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));
    expect(onApply).toHaveBeenCalledWith(undefined);
  });

  it('only shows the instructions when read-only', async () => {
    await renderInTestApp(
      <InstructionsDialog
        open
        readOnly
        name="Orders API"
        value="Run the migration."
        onApply={jest.fn()}
        onClose={jest.fn()}
      />,
    );
    expect(screen.getByText('Run the migration.')).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Apply' }),
    ).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Close' })).toBeInTheDocument();
  });
});
