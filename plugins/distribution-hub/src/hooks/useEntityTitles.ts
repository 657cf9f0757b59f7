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
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEffect, useRef, useState } from 'react';

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
];

/** How many refs one catalog request asks about. */
const BATCH = 500;

/**
 * The catalog titles of the given entities (refs in full form, e.g.
 * `installation:default/flareup-prod`), read once per ref in batches: a map
 * from ref to title, holding only entities that have one. Refs not yet read,
 * or unknown to the catalog, are missing from it.
 */
export function useEntityTitles(refs: readonly string[]): Map<string, string> {
  const catalogApi = useApi(catalogApiRef);
  const [titles, setTitles] = useState<Map<string, string>>(() => new Map());
  const asked = useRef(new Set<string>());

  useEffect(() => {
    const missing = [...new Set(refs)].filter(ref => !asked.current.has(ref));
    if (missing.length === 0) {
      return;
    }
    missing.forEach(ref => asked.current.add(ref));
    for (let i = 0; i < missing.length; i += BATCH) {
      const entityRefs = missing.slice(i, i + BATCH);
      catalogApi.getEntitiesByRefs({ entityRefs, fields: FIELDS }).then(
        ({ items }) => {
          const found = items.flatMap(entity =>
            entity?.metadata.title
              ? [[stringifyEntityRef(entity), entity.metadata.title] as const]
              : [],
          );
          if (found.length > 0) {
            setTitles(previous => new Map([...previous, ...found]));
          }
        },
        // Without titles the views show the refs; nothing else to do.
        () => {},
      );
    }
  }, [catalogApi, refs]);

  return titles;
}
