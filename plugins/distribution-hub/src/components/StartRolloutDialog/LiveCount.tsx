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
import Chip from '@material-ui/core/Chip';
import CircularProgress from '@material-ui/core/CircularProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  INSTALLATION_TIERS,
  RolloutRequest,
} from '@sdh/plugin-distribution-hub-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { distributionHubApiRef } from '../../api';
import { useEntityTitles } from '../../hooks/useEntityTitles';
import { serverErrorMessage } from '../../lib/serverErrorMessage';
import { shortEntityRef } from '../../lib/shortEntityRef';

/** Tenants named in the count; the rest are summed up. */
const TENANTS_SHOWN = 5;

const useStyles = makeStyles(theme => ({
  root: {
    marginTop: theme.spacing(1.5),
    padding: theme.spacing(1.5),
    borderRadius: theme.shape.borderRadius,
    backgroundColor: theme.palette.background.default,
  },
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.75),
    marginTop: theme.spacing(0.5),
  },
  error: { color: theme.palette.error.main },
}));

/**
 * How many installations a selection takes, by tier and by tenant (and per
 * wave when there are waves), read from the server's preview of the request
 * (`requestKey` is the request as JSON, settled by the caller).
 */
export function LiveCount(props: { releaseId: string; requestKey: string }) {
  const { releaseId, requestKey } = props;
  const classes = useStyles();
  const api = useApi(distributionHubApiRef);
  const { value, loading, error } = useAsync(
    () =>
      api.previewRollout(
        releaseId,
        JSON.parse(requestKey) as RolloutRequest,
        // The plan and the counts; one installation read live at most.
        { offset: 0, limit: 1 },
      ),
    [api, releaseId, requestKey],
  );
  const tenants = useMemo(
    () =>
      Object.entries(value?.byTenant ?? {}).sort(
        (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
      ),
    [value],
  );
  const tenantRefs = useMemo(() => tenants.map(([ref]) => ref), [tenants]);
  const titles = useEntityTitles(tenantRefs);

  let summary: string;
  if (error) {
    summary = `Cannot count the installations: ${serverErrorMessage(error)}`;
  } else if (!value) {
    summary = 'Counting the installations…';
  } else {
    summary = `${value.total} ${
      value.total === 1 ? 'installation' : 'installations'
    } selected`;
  }
  const others = tenants
    .slice(TENANTS_SHOWN)
    .reduce((sum, [, count]) => sum + count, 0);

  return (
    <div
      className={classes.root}
      role="status"
      aria-label="Selected installations"
      aria-busy={loading}
    >
      <Typography
        variant="subtitle2"
        className={error ? classes.error : undefined}
      >
        {summary} {loading && value && <CircularProgress size={12} />}
      </Typography>
      {value && !error && value.total > 0 && (
        <>
          <div className={classes.line}>
            <Typography variant="body2">By tier:</Typography>
            {INSTALLATION_TIERS.filter(tier => value.byTier[tier]).map(tier => (
              <Chip
                key={tier}
                size="small"
                variant="outlined"
                label={`${tier} ${value.byTier[tier]}`}
              />
            ))}
          </div>
          <div className={classes.line}>
            <Typography variant="body2">By tenant:</Typography>
            {tenants.slice(0, TENANTS_SHOWN).map(([ref, count]) => (
              <Chip
                key={ref}
                size="small"
                variant="outlined"
                label={`${
                  titles.get(ref) ?? shortEntityRef(ref, 'tenant')
                } ${count}`}
              />
            ))}
            {others > 0 && (
              <Typography variant="body2">
                and {others} in {tenants.length - TENANTS_SHOWN} more
              </Typography>
            )}
          </div>
          {value.waves.length > 1 && (
            <div className={classes.line}>
              <Typography variant="body2">By wave:</Typography>
              {value.waves.map((wave, index) => (
                <Chip
                  key={index}
                  size="small"
                  variant="outlined"
                  label={`${wave.name} ${wave.size}`}
                />
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}
