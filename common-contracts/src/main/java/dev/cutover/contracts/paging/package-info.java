/** Cursor pagination: {@code limit}, {@code starting_after}, and the {@code {data, has_more}} envelope. */
package dev.cutover.contracts.paging;
