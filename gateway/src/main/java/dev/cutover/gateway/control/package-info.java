/** The ops control plane: weights and their sources, the kill switch, the shared weight store and its audit log. */
package dev.cutover.gateway.control;
