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
  BROKEN_IMAGES_ANNOTATION,
  brokenImagesPatternError,
} from '../controller/brokenImages';
import { labelSelectorFromObject, matchesLabels } from '../store/selectors';
import { deepEqual, getPath, isObject } from '../util/json';
import { dnsLabelError, dnsSubdomainError } from '../util/names';
import { StatusCause } from './errors';
import { ResourceType } from './resources';
import { KubeObject } from './types';

const required = (field: string): StatusCause => ({
  reason: 'FieldValueRequired',
  message: 'Required value',
  field,
});

const invalidValue = (
  field: string,
  value: unknown,
  why: string,
): StatusCause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${JSON.stringify(value)}: ${why}`,
  field,
});

function validateContainers(
  list: unknown,
  field: string,
  causes: StatusCause[],
  requireOne: boolean,
) {
  if (!Array.isArray(list) || list.length === 0) {
    if (requireOne) causes.push(required(field));
    return;
  }
  const seen = new Set<string>();
  list.forEach((container, index) => {
    const at = `${field}[${index}]`;
    if (!isObject(container)) {
      causes.push(invalidValue(at, container, 'must be an object'));
      return;
    }
    const name = container.name;
    if (typeof name !== 'string' || name === '') {
      causes.push(required(`${at}.name`));
    } else {
      const error = dnsLabelError(name);
      if (error) causes.push(invalidValue(`${at}.name`, name, error));
      if (seen.has(name)) {
        causes.push({
          reason: 'FieldValueDuplicate',
          message: `Duplicate value: ${JSON.stringify(name)}`,
          field: `${at}.name`,
        });
      }
      seen.add(name);
    }
    if (typeof container.image !== 'string' || container.image.trim() === '') {
      causes.push(required(`${at}.image`));
    }
  });
}

function validateNonNegative(
  object: KubeObject,
  path: string[],
  causes: StatusCause[],
) {
  const value = getPath(object, path);
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    causes.push(
      invalidValue(path.join('.'), value, 'must be greater than or equal to 0'),
    );
  }
}

/** StatefulSet spec fields that an update may change. */
const STATEFULSET_MUTABLE = new Set([
  'replicas',
  'ordinals',
  'template',
  'updateStrategy',
  'persistentVolumeClaimRetentionPolicy',
  'minReadySeconds',
  'revisionHistoryLimit',
]);

/** The field errors the API server would report, empty when the object is valid. */
export function validateObject(
  type: ResourceType,
  object: KubeObject,
  previous?: KubeObject,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const name = object.metadata.name ?? '';
  const nameError =
    type.kind === 'Namespace' ? dnsLabelError(name) : dnsSubdomainError(name);
  if (name === '') causes.push(required('metadata.name'));
  else if (nameError)
    causes.push(invalidValue('metadata.name', name, nameError));
  for (const [key, value] of Object.entries(object.metadata.labels ?? {})) {
    if (typeof value !== 'string') {
      causes.push(
        invalidValue(`metadata.labels`, value, `label ${key} must be a string`),
      );
    } else if (
      value.length > 63 ||
      !/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value)
    ) {
      causes.push(
        invalidValue(
          'metadata.labels',
          value,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        ),
      );
    }
  }
  if (!type.workload) return causes;

  const brokenImages = object.metadata.annotations?.[BROKEN_IMAGES_ANNOTATION];
  if (brokenImages !== undefined) {
    const error = brokenImagesPatternError(brokenImages);
    if (error) {
      causes.push(
        invalidValue(
          `metadata.annotations[${BROKEN_IMAGES_ANNOTATION}]`,
          brokenImages,
          error,
        ),
      );
    }
  }

  const spec = object.spec ?? {};
  validateNonNegative(object, ['spec', 'replicas'], causes);
  validateNonNegative(object, ['spec', 'minReadySeconds'], causes);
  const selector = spec.selector;
  const template = getPath(spec, ['template']);
  if (!isObject(selector)) {
    causes.push(required('spec.selector'));
  } else {
    const requirements = labelSelectorFromObject(selector);
    if (requirements.length === 0) {
      causes.push(
        invalidValue(
          'spec.selector',
          selector,
          `empty selector is invalid for ${type.singular}`,
        ),
      );
    } else {
      const labels = getPath(template, ['metadata', 'labels']) as
        | Record<string, string>
        | undefined;
      if (!matchesLabels(requirements, labels)) {
        causes.push(
          invalidValue(
            'spec.template.metadata.labels',
            labels ?? {},
            '`selector` does not match template `labels`',
          ),
        );
      }
    }
  }
  const podSpec = getPath(template, ['spec']);
  validateContainers(
    getPath(podSpec, ['containers']),
    'spec.template.spec.containers',
    causes,
    true,
  );
  validateContainers(
    getPath(podSpec, ['initContainers']),
    'spec.template.spec.initContainers',
    causes,
    false,
  );
  const restartPolicy = getPath(podSpec, ['restartPolicy']);
  if (restartPolicy !== undefined && restartPolicy !== 'Always') {
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(
        restartPolicy,
      )}: supported values: "Always"`,
      field: 'spec.template.spec.restartPolicy',
    });
  }
  if (type.workload === 'Deployment') {
    const deadline = spec.progressDeadlineSeconds;
    const minReady = (spec.minReadySeconds as number | undefined) ?? 0;
    if (typeof deadline === 'number' && deadline <= minReady) {
      causes.push(
        invalidValue(
          'spec.progressDeadlineSeconds',
          deadline,
          'must be greater than minReadySeconds',
        ),
      );
    }
    const strategyType = getPath(spec, ['strategy', 'type']);
    if (strategyType !== 'RollingUpdate' && strategyType !== 'Recreate') {
      causes.push({
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: ${JSON.stringify(
          strategyType,
        )}: supported values: "Recreate", "RollingUpdate"`,
        field: 'spec.strategy.type',
      });
    }
    if (
      strategyType === 'Recreate' &&
      getPath(spec, ['strategy', 'rollingUpdate']) !== undefined
    ) {
      causes.push({
        reason: 'FieldValueForbidden',
        message:
          "Forbidden: may not be specified when strategy `type` is 'Recreate'",
        field: 'spec.strategy.rollingUpdate',
      });
    }
  }
  if (previous) {
    if (!deepEqual(previous.spec?.selector, spec.selector)) {
      causes.push(
        invalidValue('spec.selector', spec.selector, 'field is immutable'),
      );
    }
    if (type.workload === 'StatefulSet') {
      const keys = new Set([
        ...Object.keys(previous.spec ?? {}),
        ...Object.keys(spec),
      ]);
      const forbidden = [...keys].some(
        key =>
          key !== 'selector' &&
          !STATEFULSET_MUTABLE.has(key) &&
          !deepEqual(previous.spec?.[key], spec[key]),
      );
      if (forbidden) {
        causes.push({
          reason: 'FieldValueForbidden',
          message:
            "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
          field: 'spec',
        });
      }
    }
  }
  return causes;
}
