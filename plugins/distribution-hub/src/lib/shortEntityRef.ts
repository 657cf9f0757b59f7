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
import { parseEntityRef } from '@backstage/catalog-model';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';

/**
 * An entity ref as people read it: without the default namespace, and
 * without the kind when it is the expected one ("payments" for
 * component:default/payments). Anything that does not parse is returned as
 * it came.
 */
export function shortEntityRef(ref: string, defaultKind = 'component'): string {
  try {
    return humanizeEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
      { defaultKind },
    );
  } catch {
    return ref;
  }
}
