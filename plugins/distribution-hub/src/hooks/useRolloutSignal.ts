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
import { useSignal } from '@backstage/plugin-signals-react';
import {
  ROLLOUT_SIGNAL_CHANNEL,
  RolloutSignal,
} from '@sdh/plugin-distribution-hub-common';
import { useEffect, useRef } from 'react';

/** How often at most a view reads a rollout again after signals. */
export const ROLLOUT_REFRESH_INTERVAL_MS = 1000;

function isRolloutSignal(message: unknown): message is RolloutSignal {
  const m = message as Partial<RolloutSignal> | null;
  return typeof m?.rolloutId === 'string' && typeof m?.releaseId === 'string';
}

/**
 * Calls `onSignal` when the backend signals a change to a rollout that
 * `matches` accepts: at once for the first signal, then at most once per
 * `intervalMs` (a signal arriving meanwhile is handled at the end of the
 * interval, the latest one winning). Signals are coalesced by the backend and
 * may be merged here, so handlers read the rollout again rather than patching
 * state from the message.
 */
export function useRolloutSignal(
  matches: (signal: RolloutSignal) => boolean,
  onSignal: (signal: RolloutSignal) => void,
  intervalMs: number = ROLLOUT_REFRESH_INTERVAL_MS,
): void {
  const { lastSignal } = useSignal(ROLLOUT_SIGNAL_CHANNEL);
  const latest = useRef({ matches, onSignal });
  latest.current = { matches, onSignal };
  const throttle = useRef<{
    lastRun: number;
    timer?: ReturnType<typeof setTimeout>;
    waiting?: RolloutSignal;
  }>({ lastRun: 0 });

  useEffect(() => {
    if (!isRolloutSignal(lastSignal) || !latest.current.matches(lastSignal)) {
      return;
    }
    const state = throttle.current;
    const run = () => {
      const signal = state.waiting;
      state.timer = undefined;
      state.waiting = undefined;
      state.lastRun = Date.now();
      if (signal) {
        latest.current.onSignal(signal);
      }
    };
    state.waiting = lastSignal;
    const wait = state.lastRun + intervalMs - Date.now();
    if (wait <= 0 && !state.timer) {
      run();
    } else if (!state.timer) {
      state.timer = setTimeout(run, Math.max(wait, 0));
    }
  }, [lastSignal, intervalMs]);

  useEffect(
    () => () => {
      clearTimeout(throttle.current.timer);
    },
    [],
  );
}
