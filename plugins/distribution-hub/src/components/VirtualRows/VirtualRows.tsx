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
import {
  CSSProperties,
  ReactNode,
  UIEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';

/** @public */
export interface VirtualRowsProps {
  /** Rows in all, including any placeholder row at the end. */
  rowCount: number;
  /** Every row's height in pixels. */
  rowHeight: number;
  /** The viewport's height in pixels. */
  height: number;
  /** Height of the sticky header in pixels, if any. */
  headerHeight?: number;
  /** Rows rendered above and below the viewport. */
  overscan?: number;
  /** The table's accessible name. */
  ariaLabel: string;
  /** Rows in the whole list, for assistive technology; default rowCount. */
  ariaRowCount?: number;
  /** The header row(s), kept at the top while scrolling. */
  header?: ReactNode;
  /**
   * Renders row `index` (zero-based); `style` places it and must be applied
   * to the element with role="row". Its aria-rowindex is `index + 2` when
   * there is a header.
   */
  renderRow(index: number, style: CSSProperties): ReactNode;
  /** Called with the first and last row on screen as they change. */
  onRangeChange?(first: number, last: number): void;
  /** Called when the rows rendered come within `endThreshold` of the end. */
  onEndReached?(): void;
  endThreshold?: number;
  /** Width of the rows, for horizontal scrolling (e.g. a minimum in px). */
  minWidth?: number;
  className?: string;
}

/**
 * A table whose rows are rendered only while on screen (plus a few above
 * and below), so that tens of thousands of rows scroll smoothly: every row
 * has the same height, rows are absolutely placed inside a body as tall as
 * all of them, and the window follows the scroll position. The header stays
 * on top. Uses ARIA table roles; rows and cells come from `renderRow`.
 *
 * @public
 */
export function VirtualRows(props: VirtualRowsProps) {
  const {
    rowCount,
    rowHeight,
    height,
    headerHeight = 0,
    overscan = 6,
    ariaLabel,
    ariaRowCount,
    header,
    renderRow,
    onRangeChange,
    onEndReached,
    endThreshold = 20,
    minWidth,
    className,
  } = props;
  const [scrollTop, setScrollTop] = useState(0);
  const frame = useRef<number>();
  const pendingTop = useRef(0);

  const onScroll = useCallback((event: UIEvent<HTMLDivElement>) => {
    pendingTop.current = event.currentTarget.scrollTop;
    if (frame.current === undefined) {
      frame.current = requestAnimationFrame(() => {
        frame.current = undefined;
        setScrollTop(pendingTop.current);
      });
    }
  }, []);
  useEffect(
    () => () => {
      if (frame.current !== undefined) {
        cancelAnimationFrame(frame.current);
      }
    },
    [],
  );

  const bodyTop = Math.max(0, scrollTop - headerHeight);
  const visibleHeight = Math.max(0, height - headerHeight);
  const first = Math.min(Math.floor(bodyTop / rowHeight), rowCount - 1);
  const last = Math.min(
    Math.ceil((bodyTop + visibleHeight) / rowHeight) - 1,
    rowCount - 1,
  );
  const start = Math.max(0, first - overscan);
  const end = Math.min(rowCount - 1, last + overscan);

  const latest = useRef({ onRangeChange, onEndReached });
  latest.current = { onRangeChange, onEndReached };
  useEffect(() => {
    if (rowCount > 0) {
      latest.current.onRangeChange?.(Math.max(first, 0), Math.max(last, 0));
    }
  }, [first, last, rowCount]);
  useEffect(() => {
    if (rowCount === 0 || end >= rowCount - 1 - endThreshold) {
      latest.current.onEndReached?.();
    }
  }, [end, rowCount, endThreshold]);

  const rows: ReactNode[] = [];
  for (let index = start; index <= end; index++) {
    rows.push(
      renderRow(index, {
        position: 'absolute',
        top: index * rowHeight,
        left: 0,
        right: 0,
        height: rowHeight,
      }),
    );
  }

  return (
    <div
      role="table"
      aria-label={ariaLabel}
      aria-rowcount={(ariaRowCount ?? rowCount) + (header ? 1 : 0)}
      className={className}
      style={{ height, overflow: 'auto', position: 'relative' }}
      onScroll={onScroll}
    >
      <div style={{ minWidth }}>
        {header && (
          <div
            role="rowgroup"
            style={{
              position: 'sticky',
              top: 0,
              zIndex: 1,
              height: headerHeight,
            }}
          >
            {header}
          </div>
        )}
        <div
          role="rowgroup"
          style={{ position: 'relative', height: rowCount * rowHeight }}
        >
          {rows}
        </div>
      </div>
    </div>
  );
}
