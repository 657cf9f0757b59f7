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

import { KubeObject } from '../api/types';
import { copyJson, isObject, JsonObject } from '../util/json';

/** Strategic merge directives whose key names the field they act on. */
const FIELD_DIRECTIVES = ['$setElementOrder/', '$deleteFromPrimitiveList/'];

const hasOwn = (object: JsonObject, key: string) =>
  Object.prototype.hasOwnProperty.call(object, key);

function copyAlong(target: JsonObject, patch: JsonObject): JsonObject {
  const out: JsonObject = { ...target };
  for (const key of Object.keys(patch)) {
    const directive = FIELD_DIRECTIVES.find(d => key.startsWith(d));
    const field = directive ? key.slice(directive.length) : key;
    if (!hasOwn(out, field)) continue;
    const value = out[field];
    const change = patch[key];
    // Maps the patch descends into are copied level by level; anything
    // else it reaches (lists, whose elements merge in place) is copied whole.
    out[field] =
      !directive && isObject(value) && isObject(change)
        ? copyAlong(value, change)
        : copyJson(value);
  }
  return out;
}

/**
 * A copy of an object that a merge patch or a strategic merge patch may
 * change in place without changing the original: only what the patch
 * reaches is copied (and metadata, which every write changes); the rest is
 * shared. Unchanged parts then compare equal by identity, which makes
 * diffing the result against the original cheap.
 */
export function copyForPatch(target: KubeObject, patch: unknown): KubeObject {
  const copy = (
    isObject(patch) ? copyAlong(target, patch) : { ...target }
  ) as KubeObject;
  if (copy.metadata === target.metadata) {
    copy.metadata = { ...target.metadata };
  }
  return copy;
}
