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
  FailureThreshold,
  RolloutRequest,
  RolloutWave,
} from '@sdh/plugin-distribution-hub-common';
import {
  emptySelector,
  isEmptySelector,
  SelectorForm,
  selectorRequest,
} from '../TargetSelectorFields';

export interface WaveForm {
  /** Keeps React's identity of a wave as waves are added and removed. */
  key: number;
  name: string;
  select: SelectorForm;
  /** Minutes, as typed. */
  bakeMinutes: string;
}

export type ThresholdKind = 'none' | 'count' | 'percent';

/** Everything the Start rollout dialog asks for, as typed. */
export interface RolloutForm {
  targets: SelectorForm;
  waves: WaveForm[];
  maxParallel: string;
  thresholdKind: ThresholdKind;
  threshold: string;
  /** A datetime-local value (the viewer's time zone), or empty. */
  notBefore: string;
  respectMaintenanceWindows: boolean;
  autoRollback: boolean;
}

/** Field paths of the form with what is wrong with them. */
export type FormErrors = Partial<Record<string, string>>;

export const DEFAULT_MAX_PARALLEL = 10;
export const MAX_PARALLEL_LIMIT = 1000;

export function initialRolloutForm(): RolloutForm {
  return {
    targets: emptySelector(),
    waves: [],
    maxParallel: String(DEFAULT_MAX_PARALLEL),
    thresholdKind: 'none',
    threshold: '',
    notBefore: '',
    respectMaintenanceWindows: true,
    autoRollback: false,
  };
}

let nextWaveKey = 1;

/** A new wave, named after its position. */
export function newWave(position: number): WaveForm {
  nextWaveKey += 1;
  return {
    key: nextWaveKey,
    name: position === 0 ? 'Canary' : `Wave ${position + 1}`,
    select: emptySelector(),
    bakeMinutes: '60',
  };
}

/** A whole number typed in a field, or undefined when it is not one. */
function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

function decimalNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : undefined;
}

/**
 * The request the form describes, and what is wrong with it, by field path
 * (`maxParallel`, `threshold`, `notBefore`, `waves.0.select`,
 * `waves.0.bakeMinutes`). The rules are the API's, so that the dialog says
 * so before asking the server.
 */
export function buildRolloutRequest(
  form: RolloutForm,
  now: number = Date.now(),
): { request: RolloutRequest; errors: FormErrors } {
  const errors: FormErrors = {};
  const request: RolloutRequest = { targets: selectorRequest(form.targets) };

  if (form.waves.length > 0) {
    request.waves = form.waves.map((wave, index): RolloutWave => {
      const result: RolloutWave = { select: selectorRequest(wave.select) };
      if (wave.name.trim()) {
        result.name = wave.name.trim();
      }
      if (isEmptySelector(wave.select)) {
        errors[`waves.${index}.select`] =
          'Choose the tenants, tiers, rings or installations of this wave';
      }
      if (wave.bakeMinutes.trim()) {
        const minutes = wholeNumber(wave.bakeMinutes);
        if (minutes === undefined) {
          errors[`waves.${index}.bakeMinutes`] =
            'Bake time is a whole number of minutes';
        } else {
          result.bakeMinutes = minutes;
        }
      }
      return result;
    });
  }

  if (form.maxParallel.trim()) {
    const parallel = wholeNumber(form.maxParallel);
    if (
      parallel === undefined ||
      parallel < 1 ||
      parallel > MAX_PARALLEL_LIMIT
    ) {
      errors.maxParallel = `A whole number from 1 to ${MAX_PARALLEL_LIMIT}`;
    } else {
      request.maxParallel = parallel;
    }
  }

  if (form.thresholdKind === 'count') {
    const count = wholeNumber(form.threshold);
    if (count === undefined || count < 1) {
      errors.threshold = 'At least 1 failed installation';
    } else {
      request.failureThreshold = { count } satisfies FailureThreshold;
    }
  } else if (form.thresholdKind === 'percent') {
    const percent = decimalNumber(form.threshold);
    if (percent === undefined || percent <= 0 || percent > 100) {
      errors.threshold = 'More than 0 and at most 100 percent';
    } else {
      request.failureThreshold = { percent } satisfies FailureThreshold;
    }
  }

  if (form.notBefore.trim()) {
    const time = new Date(form.notBefore).getTime();
    if (Number.isNaN(time)) {
      errors.notBefore = 'Not a date and time';
    } else if (time < now - 60_000) {
      errors.notBefore = 'This time has passed; leave it empty to start now';
    } else {
      request.notBefore = new Date(time).toISOString();
    }
  }

  request.respectMaintenanceWindows = form.respectMaintenanceWindows;
  request.autoRollback = form.autoRollback;
  return { request, errors };
}

/** Whether a built request can be sent. */
export function hasErrors(errors: FormErrors): boolean {
  return Object.values(errors).some(Boolean);
}
