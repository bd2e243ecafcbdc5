package dev.cutover.payments.transaction;

import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A page of transactions, newest first. */
@ApiResource
@Schema(name = "TransactionList")
record TransactionList(List<TransactionView> data, boolean hasMore) {
}
