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
/**
 * A Kubernetes API simulator for the demo, the tests and the benchmarks of
 * the Software Distribution Hub: several clusters from one process, real
 * API semantics, a rollout controller, fault injection and request counters.
 *
 * @packageDocumentation
 */

export { ClusterSimulator } from './ClusterSimulator';
export type { ClusterSimulatorOptions, ClusterSpec } from './ClusterSimulator';
export { SimulatedCluster } from './SimulatedCluster';
export type { SimulatedClusterOptions } from './SimulatedCluster';
export { rolloutStatus } from '@sdh/plugin-distribution-hub-node';
export type {
  RolloutStatus,
  RolloutWorkload,
} from '@sdh/plugin-distribution-hub-node';
export {
  DEFAULT_BROKEN_IMAGE_PATTERN,
  DEFAULT_CONTROLLER_SETTINGS,
} from './controller/settings';
export type { ControllerSettings } from './controller/settings';
export { BROKEN_IMAGES_ANNOTATION } from './controller/brokenImages';
export { ADMIN_PREFIX } from './admin/AdminApi';
export type { FaultSettings } from './admin/FaultInjector';
export type { ImageChange, ImageHistoryFilter } from './admin/ImageHistory';
export { Sequence } from './admin/Sequence';
export { DEFAULT_REQUEST_LOG_SIZE } from './admin/RequestLog';
export type {
  LoggedRequest,
  RequestLog,
  RequestLogFilter,
} from './admin/RequestLog';
export { DEFAULT_ROLLOUT_HISTORY_SIZE } from './admin/RolloutHistory';
export type {
  RolloutHistory,
  RolloutHistoryFilter,
  RolloutOutcome,
  RolloutRecord,
} from './admin/RolloutHistory';
export type {
  RequestCountsSnapshot,
  ObjectCount,
} from './admin/RequestCounters';
export { generateTlsMaterial } from './tls/certificates';
export type { TlsMaterial } from './tls/certificates';
export { parseSeedDocuments, SEED_CLUSTERS_ANNOTATION } from './seed/seed';
export type { KubeObject, ObjectMeta, ManagedFieldsEntry } from './api/types';
