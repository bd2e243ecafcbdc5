/**
 * Change data capture between two sides of the migration: Debezium's embedded PostgreSQL connector reads one side's
 * tables, and versioned, idempotent upserts write them into the other side's (ADR 63).
 */
package dev.cutover.sync;
