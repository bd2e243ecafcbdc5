package dev.cutover.ledger.account;

import dev.cutover.contracts.paging.Page;
import dev.cutover.kit.openapi.ApiResource;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/** A page of accounts, newest first. */
@ApiResource
@Schema(name = "AccountList")
record AccountList(List<AccountView> data, boolean hasMore) {

    AccountList(Page<AccountView> page) {
        this(page.data(), page.hasMore());
    }
}
