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
import { MarkdownContent } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ChangeEvent, useId, useState } from 'react';

/** @public */
export interface MarkdownEditorProps {
  /** What the text is, e.g. "Release notes"; the text field's label. */
  label: string;
  /** The Markdown text. */
  value: string;
  /** Called with the new text on every edit. */
  onChange(value: string): void;
  /** Only show the rendered Markdown, with no way to edit it. */
  readOnly?: boolean;
  /** Shown below the text field, e.g. what the text is for. */
  helperText?: string;
  /** Shown in the text field while it is empty. */
  placeholder?: string;
  /** Shown instead of the preview when there is no text. */
  emptyText?: string;
  /** Height of the text field, in lines; 8 unless given. */
  minRows?: number;
  /** Disables the text field, e.g. while the text is being saved. */
  disabled?: boolean;
}

type Mode = 'write' | 'preview';

const useStyles = makeStyles(theme => ({
  tabs: {
    minHeight: 36,
    marginBottom: theme.spacing(1),
  },
  tab: {
    minHeight: 36,
    minWidth: 96,
    textTransform: 'none',
  },
  preview: {
    minHeight: theme.spacing(12),
    padding: theme.spacing(1, 1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    overflowWrap: 'anywhere',
  },
  readOnly: {
    overflowWrap: 'anywhere',
  },
}));

/**
 * A Markdown text field with Write and Preview tabs; the preview renders the
 * text the way the rest of the portal shows Markdown.
 *
 * @public
 */
export function MarkdownEditor(props: MarkdownEditorProps) {
  const {
    label,
    value,
    onChange,
    readOnly,
    helperText,
    placeholder,
    emptyText = 'Nothing written yet.',
    minRows = 8,
    disabled,
  } = props;
  const classes = useStyles();
  const id = useId();
  const [mode, setMode] = useState<Mode>('write');

  const rendered = value.trim() ? (
    <MarkdownContent content={value} />
  ) : (
    <Typography variant="body2" color="textSecondary">
      {emptyText}
    </Typography>
  );

  if (readOnly) {
    return (
      <Box role="region" aria-label={label} className={classes.readOnly}>
        <Typography variant="subtitle2" component="p" gutterBottom>
          {label}
        </Typography>
        {rendered}
      </Box>
    );
  }

  const tabId = (m: Mode) => `${id}-${m}-tab`;
  const panelId = (m: Mode) => `${id}-${m}-panel`;
  return (
    <Box>
      <Tabs
        value={mode}
        onChange={(_event, next: Mode) => setMode(next)}
        aria-label={`${label}: write or preview`}
        indicatorColor="primary"
        textColor="primary"
        className={classes.tabs}
      >
        <Tab
          label="Write"
          value="write"
          id={tabId('write')}
          aria-controls={panelId('write')}
          className={classes.tab}
        />
        <Tab
          label="Preview"
          value="preview"
          id={tabId('preview')}
          aria-controls={panelId('preview')}
          className={classes.tab}
        />
      </Tabs>
      <div role="tabpanel" id={panelId(mode)} aria-labelledby={tabId(mode)}>
        {mode === 'write' ? (
          <TextField
            id={`${id}-text`}
            label={label}
            value={value}
            onChange={(event: ChangeEvent<HTMLInputElement>) =>
              onChange(event.target.value)
            }
            helperText={helperText ?? 'Markdown is supported.'}
            placeholder={placeholder}
            disabled={disabled}
            variant="outlined"
            multiline
            fullWidth
            minRows={minRows}
          />
        ) : (
          <Box
            className={classes.preview}
            role="region"
            aria-label={`${label} preview`}
          >
            {rendered}
          </Box>
        )}
      </div>
    </Box>
  );
}
