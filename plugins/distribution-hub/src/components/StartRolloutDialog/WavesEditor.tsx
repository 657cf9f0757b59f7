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
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { useId } from 'react';
import { TargetSelectorFields } from '../TargetSelectorFields';
import { FormErrors, newWave, WaveForm } from './rolloutForm';

/** @public */
export interface WavesEditorProps {
  waves: WaveForm[];
  onChange(waves: WaveForm[]): void;
  errors: FormErrors;
  disabled?: boolean;
}

const useStyles = makeStyles(theme => ({
  wave: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1.5),
    marginBottom: theme.spacing(1.5),
  },
  waveHeader: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    marginBottom: theme.spacing(1.5),
  },
  grow: { flex: 1 },
}));

/**
 * The waves of a rollout, in order: each with a name, the installations it
 * takes and the bake time after it. Targets no wave selects form a last
 * wave.
 */
export function WavesEditor(props: WavesEditorProps) {
  const { waves, onChange, errors, disabled } = props;
  const classes = useStyles();
  const id = useId();
  const update = (index: number, change: Partial<WaveForm>) =>
    onChange(waves.map((w, i) => (i === index ? { ...w, ...change } : w)));

  return (
    <div>
      {waves.length === 0 ? (
        <Typography variant="body2" color="textSecondary" paragraph>
          One wave: every selected installation may start at once, up to the
          parallel limit. Add waves to go to some installations first (a canary
          ring, say) and bake before the rest.
        </Typography>
      ) : (
        <Typography variant="body2" color="textSecondary" paragraph>
          Waves run in order; an installation goes to the first wave that
          selects it, and those no wave selects form a last wave.
        </Typography>
      )}
      {waves.map((wave, index) => (
        <div
          key={wave.key}
          className={classes.wave}
          role="group"
          aria-label={`Wave ${index + 1}`}
        >
          <div className={classes.waveHeader}>
            <TextField
              id={`${id}-${wave.key}-name`}
              label="Wave name"
              size="small"
              variant="outlined"
              value={wave.name}
              disabled={disabled}
              onChange={e => update(index, { name: e.target.value })}
              className={classes.grow}
            />
            <TextField
              id={`${id}-${wave.key}-bake`}
              label="Bake time (minutes)"
              size="small"
              variant="outlined"
              type="number"
              inputProps={{ min: 0, step: 1 }}
              value={wave.bakeMinutes}
              disabled={disabled}
              error={Boolean(errors[`waves.${index}.bakeMinutes`])}
              helperText={errors[`waves.${index}.bakeMinutes`]}
              onChange={e => update(index, { bakeMinutes: e.target.value })}
            />
            <IconButton
              aria-label={`Remove wave ${index + 1}`}
              title={`Remove wave ${index + 1}`}
              disabled={disabled}
              onClick={() => onChange(waves.filter((_, i) => i !== index))}
            >
              <DeleteIcon />
            </IconButton>
          </div>
          <TargetSelectorFields
            label={`Wave ${index + 1} targets`}
            value={wave.select}
            disabled={disabled}
            error={errors[`waves.${index}.select`]}
            onChange={select => update(index, { select })}
          />
        </div>
      ))}
      <Button
        startIcon={<AddIcon />}
        disabled={disabled}
        onClick={() => onChange([...waves, newWave(waves.length)])}
      >
        Add wave
      </Button>
    </div>
  );
}
