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
  ChangeEvent,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useApi } from '@backstage/core-plugin-api';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  ApplicationImage,
  ImageListing,
  parseImageReference,
} from '@sdh/plugin-distribution-hub-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { distributionHubApiRef } from '../../api';
import { serverMessage } from '../RequirementsEditor/serverMessage';

/** @public */
export interface ImagePickerProps {
  /** The application (Component entity ref) whose images are listed. */
  entityRef: string;
  /** The field's label, e.g. "Image for Orders API". */
  label: string;
  /** The image reference, or undefined when there is none yet. */
  value: string | undefined;
  /** Called with every change; undefined when the field is cleared. */
  onChange(value: string | undefined): void;
  readOnly?: boolean;
}

const useStyles = makeStyles(theme => ({
  option: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  digest: {
    fontFamily: 'monospace',
    color: theme.palette.text.secondary,
  },
  input: { fontFamily: 'monospace', fontSize: theme.typography.body2.fontSize },
}));

/** "sha256:0123456789abcdef…" → "sha256:0123456789ab" */
export function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':', 2);
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest.slice(0, 19);
}

/**
 * Why a typed image reference cannot be used, or undefined when it can (an
 * empty one means no image yet, which a partial save allows).
 */
export function imageReferenceProblem(
  value: string | undefined,
): string | undefined {
  if (!value) {
    return undefined;
  }
  const parsed = parseImageReference(value);
  return 'error' in parsed ? `The reference ${parsed.error}` : undefined;
}

/**
 * Picks an application's image: the tags and digests its registry lists
 * (fetched when the list is first opened), or a reference typed by hand and
 * checked as it is typed.
 *
 * @public
 */
export function ImagePicker(props: ImagePickerProps) {
  const { entityRef, label, value, onChange, readOnly } = props;
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const [listing, loadImages] = useAsyncFn(
    (): Promise<ImageListing> => api.listImages(entityRef),
    [api, entityRef],
  );
  const [open, setOpen] = useState(false);
  // A plain field until first focused: a release page can hold hundreds of
  // pickers, and an Autocomplete per card would slow its first render.
  const [active, setActive] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (active) {
      inputRef.current?.focus();
    }
  }, [active]);
  const id = useId();

  const handleOpen = useCallback(() => {
    setOpen(true);
    if (!listing.loading && !listing.value && !listing.error) {
      loadImages();
    }
  }, [listing, loadImages]);

  const text = value ?? '';
  const images = useMemo(() => listing.value?.images ?? [], [listing.value]);

  const filterOptions = useCallback(
    (options: ApplicationImage[], state: { inputValue: string }) => {
      const typed = state.inputValue.trim().toLocaleLowerCase('en-US');
      // A chosen reference shows the whole list, so another can be chosen.
      if (!typed || options.some(o => o.reference === state.inputValue)) {
        return options;
      }
      return options.filter(
        o =>
          o.tag.toLocaleLowerCase('en-US').includes(typed) ||
          o.digest.toLocaleLowerCase('en-US').includes(typed) ||
          o.reference.toLocaleLowerCase('en-US').includes(typed),
      );
    },
    [],
  );

  if (readOnly) {
    return (
      <TextField
        id={id}
        label={label}
        value={text}
        placeholder="No image"
        fullWidth
        size="small"
        variant="outlined"
        margin="dense"
        InputLabelProps={{ shrink: true }}
        InputProps={{ readOnly: true, classes: { input: classes.input } }}
      />
    );
  }

  const problem = imageReferenceProblem(text);
  let helperText: string | undefined = problem;
  if (!helperText && listing.error) {
    helperText = `Could not list images: ${serverMessage(
      listing.error,
    )}. Type a reference instead.`;
  }

  if (!active) {
    return (
      <TextField
        id={id}
        label={label}
        value={text}
        placeholder="registry/repository:tag"
        fullWidth
        size="small"
        variant="outlined"
        margin="dense"
        InputLabelProps={{ shrink: true }}
        InputProps={{ classes: { input: classes.input } }}
        onFocus={() => setActive(true)}
        onChange={event => onChange(event.target.value || undefined)}
        error={Boolean(problem)}
        helperText={helperText}
      />
    );
  }

  return (
    <Autocomplete<ApplicationImage, false, false, true>
      freeSolo
      openOnFocus
      id={id}
      open={open}
      onOpen={handleOpen}
      onClose={() => setOpen(false)}
      options={images}
      loading={listing.loading}
      loadingText="Listing images…"
      noOptionsText={
        listing.value
          ? `No images found in ${listing.value.repository}`
          : 'No images listed'
      }
      filterOptions={filterOptions}
      getOptionLabel={option =>
        typeof option === 'string' ? option : option.reference
      }
      getOptionSelected={(option, selected) =>
        option.reference ===
        (typeof selected === 'string' ? selected : selected.reference)
      }
      value={value ?? null}
      inputValue={text}
      onInputChange={(_event: ChangeEvent<{}>, input, reason) => {
        if (reason === 'input' || reason === 'clear') {
          onChange(input === '' ? undefined : input);
        }
      }}
      onChange={(_event, selected) => {
        if (selected === null) {
          onChange(undefined);
        } else {
          onChange(
            typeof selected === 'string' ? selected : selected.reference,
          );
        }
      }}
      renderOption={option => (
        <div className={classes.option}>
          <Typography variant="body2">{option.tag || '(untagged)'}</Typography>
          <Typography variant="caption" className={classes.digest}>
            {shortDigest(option.digest)}
          </Typography>
        </div>
      )}
      renderInput={params => (
        <TextField
          {...params}
          inputRef={inputRef}
          label={label}
          placeholder="registry/repository:tag"
          size="small"
          variant="outlined"
          margin="dense"
          InputLabelProps={{ ...params.InputLabelProps, shrink: true }}
          InputProps={{
            ...params.InputProps,
            classes: { input: classes.input },
          }}
          error={Boolean(problem)}
          helperText={helperText}
        />
      )}
    />
  );
}
