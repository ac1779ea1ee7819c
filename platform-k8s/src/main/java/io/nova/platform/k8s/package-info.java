/** Placeholder package; see docs/architecture.md for what lands here. */
package io.nova.platform.k8s;
