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

/*
 * The field shown until the picker is first focused, and when read-only:
 * plain elements styled as the outlined, dense, small TextField with a
 * shrunk label that the focused picker renders (a TextField is a dozen
 * React components deep, and a release page holds hundreds of pickers).
 */
const usePlainFieldStyles = makeStyles(theme => {
  const light = theme.palette.type === 'light';
  const outline = light ? 'rgba(0, 0, 0, 0.23)' : 'rgba(255, 255, 255, 0.23)';
  return {
    root: {
      display: 'inline-flex',
      flexDirection: 'column',
      position: 'relative',
      minWidth: 0,
      width: '100%',
      margin: theme.spacing(1, 0, 0.5),
      verticalAlign: 'top',
    },
    label: {
      ...theme.typography.body1,
      position: 'absolute',
      top: 0,
      left: 0,
      zIndex: 1,
      padding: 0,
      lineHeight: 1,
      color: theme.palette.text.secondary,
      pointerEvents: 'none',
      transform: 'translate(14px, -6px) scale(0.75)',
      transformOrigin: 'top left',
    },
    labelError: { color: theme.palette.error.main },
    inputRoot: {
      ...theme.typography.body1,
      position: 'relative',
      display: 'flex',
      alignItems: 'center',
      boxSizing: 'border-box',
      cursor: 'text',
      lineHeight: '1.1876em',
      color: theme.palette.text.primary,
      borderRadius: theme.shape.borderRadius,
      '&:hover $outline': { borderColor: theme.palette.text.primary },
      '&:focus-within $outline': {
        borderColor: theme.palette.primary.main,
        borderWidth: 2,
      },
    },
    inputRootError: {
      '& $outline, &:hover $outline, &:focus-within $outline': {
        borderColor: theme.palette.error.main,
      },
    },
    input: {
      font: 'inherit',
      fontFamily: 'monospace',
      fontSize: theme.typography.body2.fontSize,
      letterSpacing: 'inherit',
      color: 'currentColor',
      display: 'block',
      boxSizing: 'content-box',
      width: '100%',
      minWidth: 0,
      height: '1.1876em',
      margin: 0,
      padding: '10.5px 14px',
      border: 0,
      outline: 0,
      background: 'none',
      '&::placeholder': {
        color: 'currentColor',
        opacity: light ? 0.42 : 0.5,
      },
    },
    outline: {
      position: 'absolute',
      top: -5,
      right: 0,
      bottom: 0,
      left: 0,
      margin: 0,
      padding: '0 8px',
      textAlign: 'left',
      pointerEvents: 'none',
      borderRadius: 'inherit',
      borderStyle: 'solid',
      borderWidth: 1,
      borderColor: outline,
      overflow: 'hidden',
      minWidth: '0%',
    },
    legend: {
      display: 'block',
      width: 'auto',
      height: 11,
      maxWidth: 1000,
      padding: 0,
      fontSize: '0.75em',
      lineHeight: '11px',
      textAlign: 'left',
      visibility: 'hidden',
      '& > span': {
        display: 'inline-block',
        paddingLeft: 5,
        paddingRight: 5,
      },
    },
    helper: {
      ...theme.typography.caption,
      margin: '3px 14px 0',
      textAlign: 'left',
      color: theme.palette.text.secondary,
    },
    helperError: { color: theme.palette.error.main },
  };
});

function PlainField(props: {
  id: string;
  label: string;
  value: string;
  placeholder: string;
  readOnly?: boolean;
  error?: boolean;
  helperText?: string;
  onFocus?(): void;
  onChange?(value: string): void;
}) {
  const { id, label, value, placeholder, readOnly, error, helperText } = props;
  const classes = usePlainFieldStyles();
  const helperId = helperText ? `${id}-helper-text` : undefined;
  return (
    <div className={classes.root}>
      <label
        htmlFor={id}
        id={`${id}-label`}
        className={`${classes.label} ${error ? classes.labelError : ''}`}
      >
        {label}
      </label>
      <div
        className={`${classes.inputRoot} ${
          error ? classes.inputRootError : ''
        }`}
      >
        <input
          id={id}
          type="text"
          className={classes.input}
          value={value}
          placeholder={placeholder}
          readOnly={readOnly}
          aria-invalid={error || undefined}
          aria-describedby={helperId}
          onFocus={props.onFocus}
          onChange={event => props.onChange?.(event.target.value)}
        />
        <fieldset aria-hidden="true" className={classes.outline}>
          <legend className={classes.legend}>
            <span>{label}</span>
          </legend>
        </fieldset>
      </div>
      {helperText && (
        <p
          id={helperId}
          className={`${classes.helper} ${error ? classes.helperError : ''}`}
        >
          {helperText}
        </p>
      )}
    </div>
  );
}

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
      <PlainField
        id={id}
        label={label}
        value={text}
        placeholder="No image"
        readOnly
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
      <PlainField
        id={id}
        label={label}
        value={text}
        placeholder="registry/repository:tag"
        onFocus={() => setActive(true)}
        onChange={typed => onChange(typed || undefined)}
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
