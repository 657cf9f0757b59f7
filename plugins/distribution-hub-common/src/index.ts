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
 * Entity kinds, validators and shared types of the Software Distribution Hub.
 *
 * @packageDocumentation
 */

export * from './kinds/constants';
export * from './kinds/types';
export * from './validation';
export * from './maintenance/nextMaintenanceWindow';
export { default as tenantEntityV1alpha1Schema } from './schema/Tenant.v1alpha1.schema.json';
export { default as installationEntityV1alpha1Schema } from './schema/Installation.v1alpha1.schema.json';
export * from './releases';
export * from './permissions';
export * from './client';
export * from './rollouts';
