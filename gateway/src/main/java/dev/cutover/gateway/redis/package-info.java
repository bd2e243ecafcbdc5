/** What the gateway's Redis-backed parts share: their Lua scripts, read once. */
package dev.cutover.gateway.redis;
