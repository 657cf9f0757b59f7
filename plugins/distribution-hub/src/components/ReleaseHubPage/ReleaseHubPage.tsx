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
import { Content, Header, Page } from '@backstage/core-components';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import {
  Link as RouterLink,
  Navigate,
  Route,
  Routes,
  useLocation,
} from 'react-router-dom';
import { useHubPaths } from '../../hooks/useHubPaths';
import { FleetTab } from '../FleetTab';
import { ReleasePage } from '../ReleasePage';
import { TenantsTab } from '../TenantsTab';
import { TrackPage } from '../TrackPage';
import { TracksTab } from '../TracksTab';

type HubTab = 'tracks' | 'tenants' | 'fleet';

function HubTabs(props: { tab: HubTab }) {
  const paths = useHubPaths();
  return (
    <>
      <Tabs value={props.tab} indicatorColor="primary" aria-label="Release Hub">
        <Tab
          value="tracks"
          label="Release tracks"
          component={RouterLink}
          to={paths.tracks()}
        />
        <Tab
          value="tenants"
          label="Tenants"
          component={RouterLink}
          to={paths.tenants()}
        />
        <Tab
          value="fleet"
          label="Fleet"
          component={RouterLink}
          to={paths.fleet()}
        />
      </Tabs>
      {props.tab === 'tracks' && <TracksTab />}
      {props.tab === 'tenants' && <TenantsTab />}
      {props.tab === 'fleet' && <FleetTab />}
    </>
  );
}

/**
 * The Release Hub: release tracks, tenants and the fleet, a page per
 * track and per release, each with its own URL.
 *
 * @public
 */
export function ReleaseHubPage() {
  const location = useLocation();
  return (
    <Page themeId="tool">
      <Header
        title="Release Hub"
        subtitle="Ship one product to every tenant, release by release"
      />
      <Content>
        <Routes location={location}>
          <Route path="/" element={<Navigate to="tracks" replace />} />
          <Route path="/tracks" element={<HubTabs tab="tracks" />} />
          <Route path="/tenants" element={<HubTabs tab="tenants" />} />
          <Route path="/fleet" element={<HubTabs tab="fleet" />} />
          <Route path="/tracks/:track" element={<TrackPage />} />
          <Route
            path="/releases/:releaseId"
            element={<Navigate to="overview" replace />}
          />
          <Route path="/releases/:releaseId/:tab" element={<ReleasePage />} />
        </Routes>
      </Content>
    </Page>
  );
}
