/** Checks of the deployment descriptors (Dockerfiles, docker-compose.yml, deploy/k8s) by parsing them: no Docker, no cluster. */
package dev.cutover.system.deployment;
