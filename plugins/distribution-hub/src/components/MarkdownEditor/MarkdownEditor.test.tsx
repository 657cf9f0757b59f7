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

import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { MarkdownEditor } from './MarkdownEditor';

function Controlled(props: { initial: string; onChange?(v: string): void }) {
  const [value, setValue] = useState(props.initial);
  return (
    <MarkdownEditor
      label="Release notes"
      value={value}
      onChange={v => {
        setValue(v);
        props.onChange?.(v);
      }}
    />
  );
}

describe('MarkdownEditor', () => {
  it('edits the text in a labelled field and reports every change', async () => {
    const onChange = jest.fn();
    await renderInTestApp(<Controlled initial="" onChange={onChange} />);

    expect(screen.getByRole('tab', { name: 'Write' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    const field = screen.getByRole('textbox', { name: 'Release notes' });
    await userEvent.type(field, '# Hello');

    expect(field).toHaveValue('# Hello');
    expect(onChange).toHaveBeenLastCalledWith('# Hello');
    expect(screen.getByText('Markdown is supported.')).toBeInTheDocument();
  });

  it('renders the Markdown on the Preview tab and goes back to writing', async () => {
    await renderInTestApp(
      <Controlled initial={'## Highlights\n\n- Faster **checkout**'} />,
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Preview' }));

    expect(screen.getByRole('tab', { name: 'Preview' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      await screen.findByRole('heading', { name: 'Highlights' }),
    ).toBeInTheDocument();
    expect(screen.getByText('checkout').tagName).toBe('STRONG');
    expect(
      screen.queryByRole('textbox', { name: 'Release notes' }),
    ).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Write' }));
    expect(screen.getByRole('textbox', { name: 'Release notes' })).toHaveValue(
      '## Highlights\n\n- Faster **checkout**',
    );
  });

  it('says so when there is nothing to preview', async () => {
    await renderInTestApp(<Controlled initial="   " />);

    await userEvent.click(screen.getByRole('tab', { name: 'Preview' }));

    expect(screen.getByText('Nothing written yet.')).toBeInTheDocument();
  });

  it('only shows the rendered text when read-only', async () => {
    await renderInTestApp(
      <MarkdownEditor
        label="Release instructions"
        value="Run the **migration** first"
        onChange={jest.fn()}
        readOnly
      />,
    );

    const region = screen.getByRole('region', {
      name: 'Release instructions',
    });
    expect(await screen.findByText('migration')).toBeInTheDocument();
    expect(region).toHaveTextContent('Run the migration first');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  it('keeps two editors on one page apart', async () => {
    await renderInTestApp(
      <>
        <MarkdownEditor label="First" value="one" onChange={jest.fn()} />
        <MarkdownEditor label="Second" value="two" onChange={jest.fn()} />
      </>,
    );

    expect(screen.getByRole('textbox', { name: 'First' })).toHaveValue('one');
    expect(screen.getByRole('textbox', { name: 'Second' })).toHaveValue('two');
    expect(
      screen.getByRole('tablist', { name: 'First: write or preview' }),
    ).toBeInTheDocument();
  });
});
