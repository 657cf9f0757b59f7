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
import { useId, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { MarkdownEditor } from '../MarkdownEditor';

/** @public */
export interface InstructionsDialogProps {
  open: boolean;
  /** The application's name as the catalog shows it. */
  name: string;
  /** The current instructions, in Markdown. */
  value: string | undefined;
  /** Only show the instructions. */
  readOnly?: boolean;
  /** Called with the edited instructions (undefined when emptied). */
  onApply(value: string | undefined): void;
  onClose(): void;
}

/**
 * Edits an application's release instructions in Markdown. The change joins
 * the other unsaved edits of the requirements; nothing is sent from here.
 *
 * @public
 */
export function InstructionsDialog(props: InstructionsDialogProps) {
  const { open, name, value, readOnly, onApply, onClose } = props;
  const [text, setText] = useState(value ?? '');
  const [wasOpen, setWasOpen] = useState(open);
  // Start from the current instructions each time the dialog opens.
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setText(value ?? '');
    }
  }
  const titleId = useId();

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>Instructions for {name}</DialogTitle>
      <DialogContent>
        {!readOnly && (
          <Typography variant="body2" color="textSecondary" paragraph>
            How to release this application: steps to take before or after its
            rollout, what to watch. Applied changes are saved with the
            requirements.
          </Typography>
        )}
        <MarkdownEditor
          label="Release instructions"
          value={readOnly ? value ?? '' : text}
          onChange={setText}
          readOnly={readOnly}
        />
      </DialogContent>
      <DialogActions>
        {readOnly ? (
          <Button onClick={onClose}>Close</Button>
        ) : (
          <>
            <Button onClick={onClose}>Cancel</Button>
            <Button
              color="primary"
              variant="contained"
              onClick={() => {
                onApply(text.trim() ? text : undefined);
                onClose();
              }}
            >
              Apply
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
