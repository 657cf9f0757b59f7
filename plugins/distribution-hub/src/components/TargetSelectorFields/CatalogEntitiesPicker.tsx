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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';

/** A catalog entity chosen in a picker: its ref, and its name for people. */
export interface PickedEntity {
  ref: string;
  title: string;
}

/** @public */
export interface CatalogEntitiesPickerProps {
  /** The catalog kind to pick from, e.g. Tenant or Installation. */
  kind: string;
  label: string;
  placeholder?: string;
  value: PickedEntity[];
  onChange(value: PickedEntity[]): void;
  disabled?: boolean;
  error?: boolean;
  helperText?: string;
}

/** How many matches one search shows; typing more narrows them. */
const SEARCH_LIMIT = 50;

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
];

const useStyles = makeStyles(theme => ({
  option: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  ref: { color: theme.palette.text.secondary },
}));

/** An entity as a picked value: full ref, title or else short ref. */
export function pickedEntity(entity: Entity): PickedEntity {
  return {
    ref: stringifyEntityRef(entity),
    title:
      entity.metadata.title ||
      humanizeEntityRef(entity, { defaultKind: entity.kind }),
  };
}

/**
 * Several entities of one kind from the catalog, searched by name and title
 * as the user types (the catalog is only asked once the list is opened, and
 * again as the term settles), shown as chips.
 *
 * @public
 */
export function CatalogEntitiesPicker(props: CatalogEntitiesPickerProps) {
  const {
    kind,
    label,
    placeholder,
    value,
    onChange,
    disabled,
    error,
    helperText,
  } = props;
  const classes = useStyles();
  const catalogApi = useApi(catalogApiRef);
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  useDebounce(() => setTerm(input.trim()), 250, [input]);

  const search = useAsync(async () => {
    if (!open) {
      return [];
    }
    const response = await catalogApi.queryEntities({
      filter: { kind },
      ...(term
        ? {
            fullTextFilter: {
              term,
              fields: ['metadata.name', 'metadata.title'],
            },
          }
        : {}),
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: SEARCH_LIMIT,
      fields: FIELDS,
    });
    return response.items.map(pickedEntity);
  }, [catalogApi, kind, open, term]);

  return (
    <Autocomplete<PickedEntity, true>
      multiple
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      disabled={disabled}
      options={search.value ?? []}
      loading={search.loading || input.trim() !== term}
      loadingText="Searching the catalog…"
      noOptionsText={
        search.error
          ? `Could not search the catalog: ${search.error.message}`
          : 'No matches'
      }
      // The catalog has filtered them already.
      filterOptions={o => o}
      filterSelectedOptions
      getOptionLabel={option => option.title}
      getOptionSelected={(a, b) => a.ref === b.ref}
      value={value}
      onChange={(_event, picked) => onChange(picked)}
      inputValue={input}
      onInputChange={(_event, newInput, reason) => {
        if (reason !== 'reset') {
          setInput(newInput);
        }
      }}
      renderTags={(picked, getTagProps) =>
        picked.map((option, index) => (
          <Chip
            {...getTagProps({ index })}
            key={option.ref}
            size="small"
            label={option.title}
            title={option.ref}
          />
        ))
      }
      renderOption={option => (
        <div className={classes.option}>
          <Typography variant="body2">{option.title}</Typography>
          <Typography variant="caption" className={classes.ref}>
            {option.ref}
          </Typography>
        </div>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          placeholder={value.length === 0 ? placeholder : undefined}
          size="small"
          variant="outlined"
          error={error}
          helperText={helperText}
          InputProps={{
            ...params.InputProps,
            endAdornment: (
              <>
                {search.loading ? (
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
