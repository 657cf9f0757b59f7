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

export interface Config {
  distributionHub?: {
    demoData?: {
      /**
       * A YAML file of demo tracks and releases, seeded into an empty
       * database at start-up (see examples/releases.yaml).
       */
      releasesFile?: string;
    };
    /**
     * The OCI registries the hub may list application images from. A
     * Component's distribution-hub.io/image-repository annotation must name
     * one of these hosts (or none, meaning defaultImageRegistry); the hub
     * contacts no other registry.
     */
    imageRegistries?: Array<{
      /**
       * Host name and optional port, without scheme or path, e.g.
       * registry.example.com or 127.0.0.1:5000.
       */
      host: string;
      /** Speak plain http instead of https. Defaults to false. */
      insecure?: boolean;
      /**
       * How to authenticate. Defaults to anonymous. Registries using token
       * authentication (WWW-Authenticate: Bearer realm=...) are handled with
       * any of these: anonymous and basic fetch a token from the realm, the
       * latter with the credentials.
       */
      auth?:
        | {
            type: 'anonymous';
          }
        | {
            type: 'basic';
            username: string;
            /** @visibility secret */
            password: string;
          }
        | {
            type: 'bearer';
            /**
             * Sent as is in Authorization: Bearer on every request.
             *
             * @visibility secret
             */
            token: string;
          };
    }>;
    /**
     * The host of imageRegistries used for repositories that name no
     * registry, e.g. shopfront/orders-api.
     */
    defaultImageRegistry?: string;
    /** The rollout engine, which runs on every backend replica. */
    rollouts?: {
      /**
       * Seconds a replica holds an installation it works on without
       * renewing its claim; after that another replica carries on.
       * Defaults to 30.
       */
      leaseSeconds?: number;
      /** Installations one replica deploys at once. Defaults to 20. */
      concurrency?: number;
      /**
       * Minutes a stage may take to become healthy on one environment
       * before the installation fails. Defaults to 10.
       */
      stageTimeoutMinutes?: number;
      /**
       * Whether this replica runs the rollout worker. Defaults to true; a
       * replica with false still serves the API.
       */
      workerEnabled?: boolean;
    };
  };
}
