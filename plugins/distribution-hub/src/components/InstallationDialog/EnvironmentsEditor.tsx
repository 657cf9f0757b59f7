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
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import Button from '@material-ui/core/Button';
import { EntityProblem } from '@sdh/plugin-distribution-hub-common';
import { problemsAt, problemText } from '../TenantDialog/formSupport';

/** One environment as edited: a cluster and a namespace. */
export interface EnvironmentRow {
  /** Keeps React's identity of the row when others are removed. */
  key: number;
  cluster: string;
  namespace: string;
  touched: { cluster?: boolean; namespace?: boolean };
}

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
  },
  cluster: { flex: '0 0 35%' },
  namespace: { flex: 1 },
  remove: { marginTop: theme.spacing(3) },
}));

export interface EnvironmentsEditorProps {
  rows: EnvironmentRow[];
  onChange: (rows: EnvironmentRow[]) => void;
  onAdd: () => void;
  /** The registered clusters; undefined while loading. */
  clusters?: string[];
  clustersError?: Error;
  /** The problems to show, with paths under spec.environments. */
  problems: EntityProblem[];
  disabled?: boolean;
}

/**
 * The environments of an installation: rows of a cluster (one of the
 * registered ones) and a namespace, with their problems on each row.
 */
export function EnvironmentsEditor(props: EnvironmentsEditorProps) {
  const { rows, onChange, onAdd, clusters, clustersError, problems, disabled } =
    props;
  const classes = useStyles();
  const update = (index: number, change: Partial<EnvironmentRow>) =>
    onChange(
      rows.map((row, i) =>
        i === index
          ? {
              ...row,
              ...change,
              touched: { ...row.touched, ...change.touched },
            }
          : row,
      ),
    );
  const listProblems = problems.filter(p => p.path === 'spec.environments');
  return (
    <div role="group" aria-labelledby="installation-environments-label">
      <Typography
        variant="subtitle2"
        id="installation-environments-label"
        style={{ marginTop: 16 }}
      >
        Environments
      </Typography>
      <Typography variant="caption" color="textSecondary">
        Where the installation runs: a registered cluster and a namespace. An
        environment belongs to at most one installation.
      </Typography>
      {listProblems.length > 0 && (
        <Typography variant="body2" color="error" role="alert">
          {problemText(listProblems)}
        </Typography>
      )}
      {rows.map((row, index) => {
        const path = `spec.environments[${index}]`;
        const clusterProblems = problemsAt(problems, `${path}.cluster`);
        // Row-wide problems (a repeated environment) read best under the
        // namespace, next to what makes the row unique.
        const namespaceProblems = problems.filter(
          p => p.path === path || p.path === `${path}.namespace`,
        );
        const options = [
          ...(clusters ?? []),
          ...(row.cluster && !(clusters ?? []).includes(row.cluster)
            ? [row.cluster]
            : []),
        ];
        return (
          <div
            key={row.key}
            role="group"
            aria-label={`Environment ${index + 1}`}
            className={classes.row}
          >
            {clustersError ? (
              <TextField
                id={`environment-${row.key}-cluster`}
                className={classes.cluster}
                label="Cluster"
                value={row.cluster}
                onChange={e =>
                  update(index, {
                    cluster: e.target.value,
                    touched: { cluster: true },
                  })
                }
                error={clusterProblems.length > 0}
                helperText={problemText(
                  clusterProblems,
                  `Could not load the registered clusters: ${clustersError.message}`,
                )}
                margin="normal"
                disabled={disabled}
              />
            ) : (
              <TextField
                id={`environment-${row.key}-cluster`}
                className={classes.cluster}
                select
                label="Cluster"
                value={row.cluster}
                onChange={e =>
                  update(index, {
                    cluster: e.target.value,
                    touched: { cluster: true },
                  })
                }
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
                error={clusterProblems.length > 0}
                helperText={problemText(
                  clusterProblems,
                  clusters ? undefined : 'Loading clusters…',
                )}
                margin="normal"
                disabled={disabled}
              >
                <option value="">
                  {clusters ? 'Choose a cluster' : 'Loading…'}
                </option>
                {options.map(cluster => (
                  <option key={cluster} value={cluster}>
                    {cluster}
                  </option>
                ))}
              </TextField>
            )}
            <TextField
              id={`environment-${row.key}-namespace`}
              className={classes.namespace}
              label="Namespace"
              value={row.namespace}
              onChange={e =>
                update(index, {
                  namespace: e.target.value,
                  touched: { namespace: true },
                })
              }
              error={namespaceProblems.length > 0}
              helperText={problemText(
                namespaceProblems,
                "A DNS-1123 label: lower-case letters, digits and '-'.",
              )}
              inputProps={{
                spellCheck: false,
                autoCapitalize: 'none',
                autoComplete: 'off',
              }}
              margin="normal"
              disabled={disabled}
            />
            <IconButton
              className={classes.remove}
              aria-label={`Remove environment ${index + 1}`}
              title="Remove this environment"
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
              disabled={disabled || rows.length <= 1}
            >
              <DeleteIcon />
            </IconButton>
          </div>
        );
      })}
      <Button
        startIcon={<AddIcon />}
        onClick={onAdd}
        disabled={disabled}
        size="small"
      >
        Add environment
      </Button>
    </div>
  );
}
