/** What ops watch: requests per domain × side × status, and the weights in force. */
package dev.cutover.gateway.metrics;
