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
import { useMemo, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import CircularProgress from '@material-ui/core/CircularProgress';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';

/** @public */
export interface ComponentPickerProps {
  /** Entity refs of the components to leave out (already in the release). */
  excludeRefs: ReadonlySet<string>;
  /** Called with the chosen Component entity (kind and metadata only). */
  onSelect(entity: Entity): void;
  /** Defaults to "Add application". */
  label?: string;
  disabled?: boolean;
}

/** How many matches one search shows; typing more narrows them. */
const SEARCH_LIMIT = 50;

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
];

const useStyles = makeStyles(theme => ({
  option: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  ref: { color: theme.palette.text.secondary },
}));

/** The catalog's name for an entity: its title, else its name. */
export function entityDisplayName(entity: Entity): string {
  return entity.metadata.title || entity.metadata.name;
}

/**
 * Searches the catalog's Components by name and title, leaving out those
 * already chosen. The catalog is only asked once the list is opened, and
 * again as the search term settles.
 *
 * @public
 */
export function ComponentPicker(props: ComponentPickerProps) {
  const { excludeRefs, onSelect, label = 'Add application', disabled } = props;
  const classes = useStyles();
  const catalogApi = useApi(catalogApiRef);
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  useDebounce(() => setTerm(input.trim()), 250, [input]);
  const excluded = useMemo(
    () => new Set([...excludeRefs].map(ref => ref.toLocaleLowerCase('en-US'))),
    [excludeRefs],
  );
  // Sizes the page without searching again each time one is added.
  const excludedCount = useRef(excluded.size);
  excludedCount.current = excluded.size;

  const { value, loading, error } = useAsync(async () => {
    if (!open) {
      return undefined;
    }
    const response = await catalogApi.queryEntities({
      filter: { kind: 'Component' },
      ...(term
        ? {
            fullTextFilter: {
              term,
              fields: ['metadata.name', 'metadata.title'],
            },
          }
        : {}),
      orderFields: { field: 'metadata.name', order: 'asc' },
      // Room for the ones left out below.
      limit: SEARCH_LIMIT + excludedCount.current,
      fields: FIELDS,
    });
    return { term, items: response.items };
  }, [catalogApi, open, term]);

  // Until the results are for what is typed, show none: they would be
  // replaced under the pointer.
  const searching =
    loading ||
    input.trim() !== term ||
    (open && !error && value?.term !== term);
  const options = useMemo(
    () =>
      (value?.items ?? [])
        .filter(
          entity =>
            !excluded.has(
              stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
            ),
        )
        .slice(0, SEARCH_LIMIT),
    [value, excluded],
  );

  return (
    <Autocomplete<Entity>
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      disabled={disabled}
      options={searching ? [] : options}
      loading={searching}
      loadingText="Searching the catalog…"
      noOptionsText={
        error
          ? `Could not search the catalog: ${error.message}`
          : 'No matching components'
      }
      // The catalog has filtered them already.
      filterOptions={o => o}
      getOptionLabel={entityDisplayName}
      getOptionSelected={(a, b) =>
        stringifyEntityRef(a) === stringifyEntityRef(b)
      }
      value={null}
      inputValue={input}
      onInputChange={(_event, newInput, reason) => {
        if (reason !== 'reset') {
          setInput(newInput);
        }
      }}
      onChange={(_event, entity) => {
        if (entity) {
          onSelect(entity);
          setInput('');
        }
      }}
      renderOption={entity => (
        <div className={classes.option}>
          <Typography variant="body2">{entityDisplayName(entity)}</Typography>
          <Typography variant="caption" className={classes.ref}>
            {stringifyEntityRef(entity)}
          </Typography>
        </div>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          placeholder="Search components"
          size="small"
          variant="outlined"
          InputProps={{
            ...params.InputProps,
            endAdornment: (
              <>
                {loading ? (
                  <CircularProgress color="inherit" size={16} />
                ) : null}
                {params.InputProps.endAdornment}
              </>
            ),
          }}
        />
      )}
    />
  );
}
