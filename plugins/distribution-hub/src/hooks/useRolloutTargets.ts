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
import { useApi } from '@backstage/core-plugin-api';
import {
  InstallationTier,
  RolloutTarget,
  TargetState,
} from '@sdh/plugin-distribution-hub-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { distributionHubApiRef } from '../api';

/** Which targets of a rollout a view lists. */
export interface RolloutTargetFilter {
  states?: TargetState[];
  /** A tenant entity ref. */
  tenant?: string;
  tiers?: InstallationTier[];
}

interface TargetPage {
  /** The cursor the page was read with; undefined for the first. */
  cursor?: string;
  items: RolloutTarget[];
  nextCursor?: string;
}

interface TargetsState {
  pages: TargetPage[];
  loading: boolean;
  error?: Error;
}

/** The rows of a rollout's target list, read page by page from the server. */
export interface RolloutTargets {
  targets: RolloutTarget[];
  /** Whether the server has more after the loaded rows. */
  hasMore: boolean;
  loading: boolean;
  error?: Error;
  /** Reads the next page, unless one is being read or there is none. */
  loadMore(): void;
  /**
   * Reads again the pages holding rows `from` to `to` (indices into
   * `targets`), e.g. the rows on screen after a signal.
   */
  refresh(from: number, to: number): void;
}

/** How many targets one request reads. */
export const TARGET_PAGE_SIZE = 100;

function filterKey(rolloutId: string, filter: RolloutTargetFilter): string {
  return JSON.stringify([
    rolloutId,
    filter.states ?? [],
    filter.tenant ?? '',
    filter.tiers ?? [],
  ]);
}

/**
 * A rollout's targets with a filter, paged with the server's cursor: the
 * first page at once, more on request (as the user scrolls), and the pages
 * on screen again on request (when a signal says something changed). A new
 * rollout or filter starts again from the first page; answers for an
 * earlier one are dropped.
 */
export function useRolloutTargets(
  rolloutId: string,
  filter: RolloutTargetFilter,
  pageSize: number = TARGET_PAGE_SIZE,
): RolloutTargets {
  const api = useApi(distributionHubApiRef);
  const key = filterKey(rolloutId, filter);
  const [state, setState] = useState<TargetsState>({
    pages: [],
    loading: true,
  });
  // The filter the state belongs to, and the latest state for callbacks.
  const current = useRef({ key, state, busy: false });
  current.current.state = state;

  const query = useMemo(
    () => ({
      states: filter.states?.length ? filter.states : undefined,
      tenant: filter.tenant || undefined,
      tiers: filter.tiers?.length ? filter.tiers : undefined,
    }),
    // The key covers every field of the filter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  const readPage = useCallback(
    (cursor: string | undefined) =>
      api.listRolloutTargets(rolloutId, { ...query, cursor, limit: pageSize }),
    [api, rolloutId, query, pageSize],
  );

  useEffect(() => {
    current.current = { key, state: current.current.state, busy: true };
    setState({ pages: [], loading: true });
    readPage(undefined).then(
      page => {
        if (current.current.key === key) {
          current.current.busy = false;
          setState({
            pages: [{ items: page.items, nextCursor: page.nextCursor }],
            loading: false,
          });
        }
      },
      error => {
        if (current.current.key === key) {
          current.current.busy = false;
          setState({ pages: [], loading: false, error });
        }
      },
    );
  }, [key, readPage]);

  const loadMore = useCallback(() => {
    const { pages } = current.current.state;
    const cursor = pages[pages.length - 1]?.nextCursor;
    if (current.current.busy || !cursor) {
      return;
    }
    const requestKey = current.current.key;
    current.current.busy = true;
    setState(s => ({ ...s, loading: true }));
    readPage(cursor).then(
      page => {
        if (current.current.key !== requestKey) {
          return;
        }
        current.current.busy = false;
        setState(s => {
          // A refresh may have cut the pages meanwhile; then this page no
          // longer follows the last one.
          if (s.pages[s.pages.length - 1]?.nextCursor !== cursor) {
            return { ...s, loading: false };
          }
          return {
            pages: [
              ...s.pages,
              { cursor, items: page.items, nextCursor: page.nextCursor },
            ],
            loading: false,
          };
        });
      },
      error => {
        if (current.current.key === requestKey) {
          current.current.busy = false;
          setState(s => ({ ...s, loading: false, error }));
        }
      },
    );
  }, [readPage]);

  const refresh = useCallback(
    (from: number, to: number) => {
      const { pages } = current.current.state;
      const requestKey = current.current.key;
      if (pages.length === 0) {
        // Nothing loaded yet (or the first read failed): read it again.
        readPage(undefined).then(
          page => {
            if (current.current.key === requestKey) {
              setState({
                pages: [{ items: page.items, nextCursor: page.nextCursor }],
                loading: false,
              });
            }
          },
          () => {},
        );
        return;
      }
      let start = 0;
      const wanted: number[] = [];
      pages.forEach((page, index) => {
        const end = start + page.items.length - 1;
        if (end >= from && start <= to) {
          wanted.push(index);
        }
        start = end + 1;
      });
      if (wanted.length === 0) {
        wanted.push(pages.length - 1);
      }
      wanted.forEach(index => {
        const cursor = pages[index].cursor;
        readPage(cursor).then(
          page => {
            if (current.current.key !== requestKey) {
              return;
            }
            setState(s => {
              const at = s.pages.findIndex(p => p.cursor === cursor);
              if (at < 0) {
                return s;
              }
              const previous = s.pages[at];
              const fresh = { cursor, ...page };
              // The pages after it still follow it only if it ends where it
              // did; otherwise they are read again as the user scrolls.
              const keepsTail =
                previous.nextCursor === page.nextCursor &&
                previous.items.length === page.items.length;
              return {
                ...s,
                pages: keepsTail
                  ? s.pages.map((p, i) => (i === at ? fresh : p))
                  : [...s.pages.slice(0, at), fresh],
              };
            });
          },
          // The rows on screen stay as they were; the next signal tries again.
          () => {},
        );
      });
    },
    [readPage],
  );

  const targets = useMemo(
    () => state.pages.flatMap(page => page.items),
    [state.pages],
  );
  const last = state.pages[state.pages.length - 1];
  return {
    targets,
    hasMore: Boolean(last?.nextCursor),
    loading: state.loading,
    error: state.error,
    loadMore,
    refresh,
  };
}
