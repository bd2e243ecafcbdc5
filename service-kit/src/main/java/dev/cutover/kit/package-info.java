/** Behaviour every Cutover service shares, switched on by auto-configuration. */
package dev.cutover.kit;
