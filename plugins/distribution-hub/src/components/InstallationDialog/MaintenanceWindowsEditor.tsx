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
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  EntityProblem,
  Weekday,
  WEEKDAYS,
} from '@sdh/plugin-distribution-hub-common';
import { problemsAt, problemText } from '../TenantDialog/formSupport';

/** One maintenance window as edited. */
export interface WindowRow {
  key: number;
  days: Weekday[];
  start: string;
  end: string;
  timezone: string;
  touched: {
    days?: boolean;
    start?: boolean;
    end?: boolean;
    timezone?: boolean;
  };
}

const DAY_LABELS: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

/** Monday first, as people read a week; WEEKDAYS starts on Sunday. */
export const WEEK: Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];

/** Days in week order (Monday first), each once. */
export function sortDays(days: Weekday[]): Weekday[] {
  return WEEK.filter(day => days.includes(day));
}

let timeZones: string[] | undefined;

/** The IANA time zones the browser knows, where it can list them. */
export function supportedTimeZones(): string[] {
  if (!timeZones) {
    const intl = Intl as unknown as {
      supportedValuesOf?: (key: string) => string[];
    };
    try {
      timeZones = intl.supportedValuesOf?.('timeZone') ?? [];
    } catch {
      timeZones = [];
    }
    if (timeZones.length > 0 && !timeZones.includes('UTC')) {
      timeZones = [...timeZones, 'UTC'];
    }
  }
  return timeZones;
}

/** The viewer's own time zone, a sensible first guess for a new window. */
export function localTimeZone(): string {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const useStyles = makeStyles(theme => ({
  window: {
    padding: theme.spacing(1, 2),
    marginTop: theme.spacing(1),
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
  },
  times: {
    display: 'flex',
    gap: theme.spacing(2),
    alignItems: 'flex-start',
    flexWrap: 'wrap',
  },
  time: { width: 120 },
  zone: { flex: 1, minWidth: 220 },
}));

export interface MaintenanceWindowsEditorProps {
  windows: WindowRow[];
  onChange: (windows: WindowRow[]) => void;
  onAdd: () => void;
  /** The problems to show, with paths under spec.maintenanceWindows. */
  problems: EntityProblem[];
  disabled?: boolean;
}

/**
 * An installation's maintenance windows: the days, start and end (HH:MM,
 * 24-hour; an end before the start runs past midnight) and the time zone
 * they are written in. Rollouts wait for a window.
 */
export function MaintenanceWindowsEditor(props: MaintenanceWindowsEditorProps) {
  const { windows, onChange, onAdd, problems, disabled } = props;
  const classes = useStyles();
  const zones = supportedTimeZones();
  const update = (index: number, change: Partial<WindowRow>) =>
    onChange(
      windows.map((w, i) =>
        i === index
          ? { ...w, ...change, touched: { ...w.touched, ...change.touched } }
          : w,
      ),
    );
  return (
    <div role="group" aria-labelledby="installation-windows-label">
      <Typography
        variant="subtitle2"
        id="installation-windows-label"
        style={{ marginTop: 16 }}
      >
        Maintenance windows
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {windows.length === 0
          ? 'None: rollouts may change this installation at any time.'
          : 'Rollouts change this installation only within these windows.'}
      </Typography>
      {windows.map((window, index) => {
        const path = `spec.maintenanceWindows[${index}]`;
        const dayProblems = problemsAt(problems, `${path}.days`);
        const startProblems = problemsAt(problems, `${path}.start`);
        const endProblems = problemsAt(problems, `${path}.end`);
        const zoneProblems = problemsAt(problems, `${path}.timezone`);
        const label = `Maintenance window ${index + 1}`;
        return (
          <Paper
            key={window.key}
            variant="outlined"
            role="group"
            aria-label={label}
            className={classes.window}
          >
            <div className={classes.header}>
              <Typography variant="body2">{label}</Typography>
              <IconButton
                aria-label={`Remove maintenance window ${index + 1}`}
                title="Remove this window"
                size="small"
                onClick={() => onChange(windows.filter((_, i) => i !== index))}
                disabled={disabled}
              >
                <DeleteIcon fontSize="small" />
              </IconButton>
            </div>
            <FormGroup row role="group" aria-label="Days">
              {WEEK.map(day => (
                <FormControlLabel
                  key={day}
                  label={DAY_LABELS[day]}
                  control={
                    <Checkbox
                      size="small"
                      checked={window.days.includes(day)}
                      onChange={e =>
                        update(index, {
                          days: sortDays(
                            e.target.checked
                              ? [...window.days, day]
                              : window.days.filter(d => d !== day),
                          ),
                          touched: { days: true },
                        })
                      }
                      disabled={disabled}
                    />
                  }
                />
              ))}
            </FormGroup>
            {dayProblems.length > 0 && (
              <FormHelperText error>{problemText(dayProblems)}</FormHelperText>
            )}
            <div className={classes.times}>
              <TextField
                id={`window-${window.key}-start`}
                className={classes.time}
                label="Start"
                placeholder="HH:MM"
                value={window.start}
                onChange={e =>
                  update(index, {
                    start: e.target.value,
                    touched: { start: true },
                  })
                }
                error={startProblems.length > 0}
                helperText={problemText(startProblems, '24-hour, e.g. 02:00')}
                inputProps={{ inputMode: 'numeric', autoComplete: 'off' }}
                margin="dense"
                disabled={disabled}
              />
              <TextField
                id={`window-${window.key}-end`}
                className={classes.time}
                label="End"
                placeholder="HH:MM"
                value={window.end}
                onChange={e =>
                  update(index, { end: e.target.value, touched: { end: true } })
                }
                error={endProblems.length > 0}
                helperText={problemText(endProblems, 'e.g. 05:00')}
                inputProps={{ inputMode: 'numeric', autoComplete: 'off' }}
                margin="dense"
                disabled={disabled}
              />
              <Autocomplete<string, false, false, true>
                id={`window-${window.key}-timezone`}
                className={classes.zone}
                freeSolo
                autoHighlight
                options={zones}
                value={window.timezone || null}
                inputValue={window.timezone}
                onInputChange={(_event, text, reason) =>
                  update(index, {
                    timezone: text,
                    touched: reason === 'input' ? { timezone: true } : {},
                  })
                }
                onChange={(_event, zone) =>
                  update(index, {
                    timezone: zone ?? '',
                    touched: { timezone: true },
                  })
                }
                disabled={disabled}
                renderInput={params => (
                  <TextField
                    {...params}
                    label="Time zone"
                    error={zoneProblems.length > 0}
                    helperText={problemText(
                      zoneProblems,
                      'The IANA zone the times are in, e.g. Europe/Berlin.',
                    )}
                    margin="dense"
                  />
                )}
              />
            </div>
          </Paper>
        );
      })}
      <Button
        startIcon={<AddIcon />}
        onClick={onAdd}
        disabled={disabled}
        size="small"
        style={{ marginTop: 8 }}
      >
        Add maintenance window
      </Button>
    </div>
  );
}
