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
import { fireEvent, render, screen } from '@testing-library/react';
import { VirtualRows } from './VirtualRows';

function renderRows(options: {
  rowCount: number;
  onRangeChange?: jest.Mock;
  onEndReached?: jest.Mock;
}) {
  return render(
    <VirtualRows
      ariaLabel="Numbers"
      rowCount={options.rowCount}
      rowHeight={50}
      height={540}
      headerHeight={40}
      overscan={2}
      header={
        <div role="row">
          <div role="columnheader">Number</div>
        </div>
      }
      renderRow={(index, style) => (
        <div key={index} role="row" aria-rowindex={index + 2} style={style}>
          <div role="cell">Row {index}</div>
        </div>
      )}
      onRangeChange={options.onRangeChange}
      onEndReached={options.onEndReached}
      endThreshold={5}
    />,
  );
}

function scrollTo(top: number) {
  const table = screen.getByRole('table', { name: 'Numbers' });
  table.scrollTop = top;
  fireEvent.scroll(table);
}

describe('VirtualRows', () => {
  it('renders only the rows on screen of 10,000', () => {
    const onRangeChange = jest.fn();
    renderRows({ rowCount: 10_000, onRangeChange });

    const table = screen.getByRole('table', { name: 'Numbers' });
    expect(table).toHaveAttribute('aria-rowcount', '10001');
    // 500 px of rows at 50 px each, and 2 more below.
    const rows = screen.getAllByRole('cell').map(c => c.textContent);
    expect(rows[0]).toBe('Row 0');
    expect(rows).toHaveLength(12);
    expect(screen.getByRole('columnheader')).toHaveTextContent('Number');
    expect(onRangeChange).toHaveBeenLastCalledWith(0, 9);
  });

  it('follows the scroll position', async () => {
    const onRangeChange = jest.fn();
    renderRows({ rowCount: 10_000, onRangeChange });

    scrollTo(40 + 5000 * 50);

    expect(await screen.findByText('Row 5000')).toBeInTheDocument();
    expect(screen.queryByText('Row 0')).not.toBeInTheDocument();
    expect(screen.getByText('Row 4998')).toBeInTheDocument();
    expect(screen.getByText('Row 5011')).toBeInTheDocument();
    expect(screen.queryByText('Row 5012')).not.toBeInTheDocument();
    expect(screen.getByText('Row 5000').parentElement).toHaveStyle({
      top: '250000px',
    });
    expect(onRangeChange).toHaveBeenLastCalledWith(5000, 5009);
  });

  it('asks for more when the rows come near the end', async () => {
    const onEndReached = jest.fn();
    renderRows({ rowCount: 40, onEndReached });
    expect(onEndReached).not.toHaveBeenCalled();

    scrollTo(40 + 25 * 50);

    expect(await screen.findByText('Row 30')).toBeInTheDocument();
    expect(onEndReached).toHaveBeenCalled();
  });

  it('asks for more at once when every row fits', () => {
    const onEndReached = jest.fn();
    renderRows({ rowCount: 3, onEndReached });
    expect(screen.getAllByRole('cell')).toHaveLength(3);
    expect(onEndReached).toHaveBeenCalledTimes(1);
  });
});
