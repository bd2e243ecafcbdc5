package dev.cutover.system.conformance;

import dev.cutover.contracts.error.ErrorCode;
import dev.cutover.contracts.id.IdPrefix;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.cutover.system.conformance.Client.body;
import static dev.cutover.system.conformance.Client.key;
import static dev.cutover.system.conformance.Client.line;
import static dev.cutover.system.conformance.Client.reference;
import static dev.cutover.system.conformance.Expect.invalid;
import static dev.cutover.system.conformance.Expect.json;
import static dev.cutover.system.conformance.Expect.notReplayed;
import static dev.cutover.system.conformance.Expect.problem;
import static dev.cutover.system.conformance.Expect.recent;
import static dev.cutover.system.conformance.Expect.replayed;
import static dev.cutover.system.conformance.Expect.resource;
import static dev.cutover.system.conformance.Pages.newestFirst;
import static dev.cutover.system.conformance.Representations.ids;
import static dev.cutover.system.conformance.Representations.page;
import static org.assertj.core.api.Assertions.assertThat;

/** SPEC §4: accounts, journal entries and their reversal, balances, the integrity check. */
interface LedgerConformance extends Conformance {

    // ─── accounts ───

    @Test
    default void accountsOpenWithTheNormalBalanceOfTheirType() {
        Map<String, String> normalBalances = Map.of("asset", "debit", "expense", "debit", "liability", "credit",
                "equity", "credit", "revenue", "credit");

        normalBalances.forEach((type, normal) -> {
            Map<String, Object> account = resource(api().ledger(fixtures().ops()).body(api().accountBody("Conformance " + type, "EUR", type))
                    .post("/api/v1/accounts"), 201, Representations::account);
            assertThat(account).containsEntry("name", "Conformance " + type).containsEntry("currency", "EUR").containsEntry("type", type)
                    .containsEntry("normal_balance", normal).containsEntry("allow_negative", false).containsEntry("owner_id", null);
            recent(account.get("created_at"));
        });
    }

    @Test
    default void servicesOpenAccountsWithAnOwnerAndAnOverdraft() {
        String owner = IdPrefix.USER.newId();

        Map<String, Object> account = resource(api().ledger(fixtures().service()).body(body("name", "Customer wallet", "currency", "GBP",
                "type", "liability", "owner_id", owner, "allow_negative", true)).post("/api/v1/accounts"), 201, Representations::account);

        assertThat(account).containsEntry("owner_id", owner).containsEntry("allow_negative", true).containsEntry("normal_balance", "credit");
    }

    @Test
    default void accountIsVisibleToOpsServicesAndItsOwnerOnly() {
        Map<String, Object> account = fixtures().ownedAccount();
        Object id = account.get("id");

        assertThat(json(api().ledger(fixtures().ops()).get("/api/v1/accounts/{id}", id), 200)).isEqualTo(account);
        assertThat(json(api().ledger(fixtures().service()).get("/api/v1/accounts/{id}", id), 200)).isEqualTo(account);
        assertThat(resource(api().ledger(fixtures().payer().user().token()).get("/api/v1/accounts/{id}", id), 200, Representations::account))
                .isEqualTo(account);
        problem(api().ledger(fixtures().stranger().token()).get("/api/v1/accounts/{id}", id), ErrorCode.NOT_FOUND);
        problem(api().ledger(fixtures().ops()).get("/api/v1/accounts/{id}", IdPrefix.ACCOUNT.newId()), ErrorCode.NOT_FOUND);
    }

    @Test
    default void accountsAreListedByOwnerNewestFirstWithHasMoreAndStartingAfter() {
        String owner = IdPrefix.USER.newId();
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (String currency : List.of("USD", "EUR", "CHF")) {
            Map<String, Object> request = api().accountBody("Owned " + currency, currency, "asset");
            request.put("owner_id", owner);
            accounts.add(api().account(fixtures().ops(), request));
        }

        Pages.assertPaged(() -> api().ledger(fixtures().ops()), "/api/v1/accounts", Map.of("owner_id", owner), ids(newestFirst(accounts)));
    }

    @Test
    default void usersListOnlyTheirOwnAccounts() {
        Map<String, Object> account = fixtures().ownedAccount();
        String payer = fixtures().payer().user().token();

        List<Map<String, Object>> own = page(json(api().ledger(payer).get("/api/v1/accounts"), 200), Representations::account);
        assertThat(own).contains(account).allSatisfy(a -> assertThat(a).containsEntry("owner_id", fixtures().payer().user().id()));

        Map<String, Object> others = json(api().ledger(payer).queryParam("owner_id", fixtures().stranger().id()).get("/api/v1/accounts"), 200);
        assertThat(page(others, Representations::account)).isEmpty();
        assertThat(Representations.hasMore(others)).isFalse();
    }

    @Test
    default void accountNamesItsInvalidFields() {
        String ops = fixtures().ops();
        invalid(api().ledger(ops).body(Map.of()).post("/api/v1/accounts"), "name", "currency", "type");
        invalid(api().ledger(ops).body(api().accountBody("Lower case", "usd", "asset")).post("/api/v1/accounts"), "currency");
        invalid(api().ledger(ops).body(api().accountBody("Cash", "USD", "cash")).post("/api/v1/accounts"), "type");
        invalid(api().ledger(ops).body(api().accountBody("x".repeat(201), "USD", "asset")).post("/api/v1/accounts"), "name");
    }

    @Test
    default void accountWithTheSameIdempotencyKeyIsReplayedAndWithAnotherBodyRefused() {
        String ops = fixtures().ops();
        String key = key();
        Map<String, Object> request = api().accountBody("Idempotent float", "JPY", "asset");
        Response created = api().ledger(ops).header("Idempotency-Key", key).body(request).post("/api/v1/accounts");
        Map<String, Object> first = json(created, 201);
        notReplayed(created);

        replayed(api().ledger(ops).header("Idempotency-Key", key).body(request).post("/api/v1/accounts"), 201, first);
        problem(api().ledger(ops).header("Idempotency-Key", key).body(api().accountBody("Another float", "JPY", "asset"))
                .post("/api/v1/accounts"), ErrorCode.IDEMPOTENCY_KEY_REUSED);
    }

    // ─── entries ───

    @Test
    default void balancedEntryIsPostedWithItsLinesInOrder() {
        String ops = fixtures().ops();
        String asset = account("asset", "USD");
        String liability = account("liability", "USD");
        List<Map<String, Object>> lines = List.of(line(asset, "debit", 1_000), line(liability, "credit", 1_000));
        String reference = reference();

        Response posted = api().postEntry(ops, body("reference", reference, "description", "conformance posting", "lines", lines,
                "metadata", Map.of("batch", "1")));

        Map<String, Object> entry = resource(posted, 201, Representations::entry);
        assertThat(entry).containsEntry("reference", reference).containsEntry("currency", "USD").containsEntry("lines", lines)
                .containsEntry("description", "conformance posting").containsEntry("metadata", Map.of("batch", "1"))
                .containsEntry("reversal_of", null);
        recent(entry.get("posted_at"));
        notReplayed(posted);
        assertThat(json(api().ledger(ops).get("/api/v1/entries/{id}", entry.get("id")), 200)).isEqualTo(entry);
        assertThat(json(api().ledger(fixtures().service()).get("/api/v1/entries/{id}", entry.get("id")), 200)).isEqualTo(entry);
        Map<String, Object> bare = resource(api().postEntry(ops, body("reference", reference(), "lines", lines)), 201, Representations::entry);
        assertThat(bare).containsEntry("description", null).containsEntry("metadata", Map.of());
    }

    @Test
    default void sameReferenceReplaysTheEntryAndWithOtherContentIsRefused() {
        String ops = fixtures().ops();
        String asset = account("asset", "USD");
        String liability = account("liability", "USD");
        Map<String, Object> request = body("reference", reference(), "lines",
                List.of(line(asset, "debit", 250), line(liability, "credit", 250)));
        Map<String, Object> first = json(api().postEntry(ops, request), 201);

        replayed(api().postEntry(ops, request), 201, first);

        Map<String, Object> changed = body("reference", request.get("reference"), "lines",
                List.of(line(asset, "debit", 251), line(liability, "credit", 251)));
        problem(api().postEntry(ops, changed), ErrorCode.IDEMPOTENCY_KEY_REUSED);
        assertThat(balanceOf(asset)).containsEntry("debits", 250);
    }

    @Test
    default void unbalancedEntryIsRefusedAndPostsNothing() {
        String asset = account("asset", "USD");
        String liability = account("liability", "USD");

        problem(api().postEntry(fixtures().ops(), body("reference", reference(), "lines",
                List.of(line(asset, "debit", 1_000), line(liability, "credit", 900)))), ErrorCode.UNBALANCED_ENTRY);

        assertThat(balanceOf(asset)).containsEntry("balance", 0).containsEntry("debits", 0).containsEntry("credits", 0);
    }

    @Test
    default void entryAcrossCurrenciesIsRefused() {
        String dollars = account("asset", "USD");
        String euros = account("liability", "EUR");

        problem(api().postEntry(fixtures().ops(), body("reference", reference(), "lines",
                List.of(line(dollars, "debit", 500), line(euros, "credit", 500)))), ErrorCode.CURRENCY_MISMATCH);

        assertThat(balanceOf(dollars)).containsEntry("debits", 0);
    }

    @Test
    default void entryTakingAGuardedAccountBelowZeroIsRefusedAndPostsNothing() {
        String guarded = account("asset", "USD");
        String expense = overdraftable("expense", "USD");

        problem(api().postEntry(fixtures().ops(), body("reference", reference(), "lines",
                List.of(line(expense, "debit", 500), line(guarded, "credit", 500)))), ErrorCode.INSUFFICIENT_FUNDS);

        assertThat(balanceOf(guarded)).containsEntry("balance", 0).containsEntry("credits", 0);
        assertThat(balanceOf(expense)).containsEntry("balance", 0).containsEntry("debits", 0);
        String overdraft = overdraftable("asset", "USD");
        json(api().postEntry(fixtures().ops(), body("reference", reference(), "lines",
                List.of(line(expense, "debit", 500), line(overdraft, "credit", 500)))), 201);
        assertThat(balanceOf(overdraft)).containsEntry("balance", -500);
    }

    @Test
    default void entryOnAnUnknownAccountIsNotFound() {
        problem(api().postEntry(fixtures().ops(), body("reference", reference(), "lines",
                List.of(line(account("asset", "USD"), "debit", 100), line(IdPrefix.ACCOUNT.newId(), "credit", 100)))), ErrorCode.NOT_FOUND);
    }

    @Test
    default void entryNamesItsInvalidFields() {
        String ops = fixtures().ops();
        String asset = account("asset", "USD");
        invalid(api().postEntry(ops, Map.of()), "reference", "lines");
        invalid(api().postEntry(ops, body("reference", "reversal:" + reference(), "lines", List.of(line(asset, "debit", 0)))),
                "reference", "lines", "lines[0].amount");
        invalid(api().postEntry(ops, body("reference", reference(), "lines",
                List.of(line(asset, "up", 100), line(asset, "down", 100)))), "lines[0].direction");
        Map<String, Object> coloured = line(asset, "debit", 100);
        coloured.put("colour", "red");
        invalid(api().postEntry(ops, body("reference", reference(), "lines", List.of(coloured, line(asset, "credit", 100)))),
                "lines[0].colour");
    }

    @Test
    default void entryIsVisibleToOpsServicesAndTheOwnerOfOneOfItsAccounts() {
        Map<String, Object> entry = fixtures().ownedEntry();
        Object id = entry.get("id");

        assertThat(resource(api().ledger(fixtures().payer().user().token()).get("/api/v1/entries/{id}", id), 200, Representations::entry))
                .isEqualTo(entry);
        problem(api().ledger(fixtures().stranger().token()).get("/api/v1/entries/{id}", id), ErrorCode.NOT_FOUND);
        problem(api().ledger(fixtures().ops()).get("/api/v1/entries/{id}", IdPrefix.JOURNAL_ENTRY.newId()), ErrorCode.NOT_FOUND);
    }

    @Test
    default void accountEntriesAreListedWholeNewestFirstWithHasMoreAndStartingAfter() {
        String ops = fixtures().ops();
        String asset = account("asset", "USD");
        String liability = account("liability", "USD");
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int amount : List.of(10, 20, 30)) {
            entries.add(api().posted(ops, asset, liability, amount));
        }
        List<String> expected = ids(newestFirst(entries, "posted_at"));

        Pages.assertPaged(() -> api().ledger(ops), "/api/v1/accounts/" + asset + "/entries", Map.of(), expected);
        List<Map<String, Object>> listed = page(json(api().ledger(ops).get("/api/v1/accounts/{id}/entries", liability), 200),
                Representations::entry);
        assertThat(listed).as("each entry whole, all its lines").isEqualTo(newestFirst(entries, "posted_at"));
    }

    @Test
    default void accountEntriesAreTheOwnersAndNobodyElses() {
        Map<String, Object> entry = fixtures().ownedEntry();
        Object account = fixtures().ownedAccount().get("id");

        assertThat(page(json(api().ledger(fixtures().payer().user().token()).get("/api/v1/accounts/{id}/entries", account), 200),
                Representations::entry)).contains(entry);
        problem(api().ledger(fixtures().stranger().token()).get("/api/v1/accounts/{id}/entries", account), ErrorCode.NOT_FOUND);
        problem(api().ledger(fixtures().ops()).get("/api/v1/accounts/{id}/entries", IdPrefix.ACCOUNT.newId()), ErrorCode.NOT_FOUND);
    }

    // ─── reversal ───

    @Test
    default void reversalPostsTheMirrorEntryOnlyOnce() {
        String ops = fixtures().ops();
        String asset = account("asset", "USD");
        String liability = account("liability", "USD");
        Map<String, Object> original = api().posted(ops, asset, liability, 800);

        Response reversed = api().ledger(ops).post("/api/v1/entries/{id}/reversal", original.get("id"));

        Map<String, Object> mirror = resource(reversed, 201, Representations::entry);
        assertThat(mirror.get("id")).isNotEqualTo(original.get("id"));
        assertThat(mirror).containsEntry("reversal_of", original.get("id")).containsEntry("currency", "USD")
                .containsEntry("reference", "reversal:" + original.get("id"))
                .containsEntry("lines", List.of(line(asset, "credit", 800), line(liability, "debit", 800)));
        recent(mirror.get("posted_at"));
        assertThat(balanceOf(asset)).containsEntry("balance", 0).containsEntry("debits", 800).containsEntry("credits", 800);
        assertThat(balanceOf(liability)).containsEntry("balance", 0);
        problem(api().ledger(ops).post("/api/v1/entries/{id}/reversal", original.get("id")), ErrorCode.ALREADY_REVERSED);
        problem(api().ledger(ops).post("/api/v1/entries/{id}/reversal", mirror.get("id")), ErrorCode.ALREADY_REVERSED);
        problem(api().ledger(ops).post("/api/v1/entries/{id}/reversal", IdPrefix.JOURNAL_ENTRY.newId()), ErrorCode.NOT_FOUND);
    }

    @Test
    default void reversalThatWouldOverdrawAGuardedAccountIsRefused() {
        String ops = fixtures().ops();
        String guarded = account("asset", "USD");
        String liability = account("liability", "USD");
        String expense = overdraftable("expense", "USD");
        Map<String, Object> funding = api().posted(ops, guarded, liability, 100);
        api().posted(ops, expense, guarded, 100);

        problem(api().ledger(ops).post("/api/v1/entries/{id}/reversal", funding.get("id")), ErrorCode.INSUFFICIENT_FUNDS);

        assertThat(balanceOf(guarded)).containsEntry("balance", 0).containsEntry("debits", 100).containsEntry("credits", 100);
    }

    // ─── balances ───

    @Test
    default void balanceIsSignedByTheAccountsNormalSide() {
        String ops = fixtures().ops();
        String asset = account("asset", "USD");
        String liability = account("liability", "USD");
        api().posted(ops, asset, liability, 500);
        api().posted(ops, liability, asset, 200);

        Map<String, Object> ofAsset = balanceOf(asset);
        assertThat(ofAsset).containsEntry("account_id", asset).containsEntry("currency", "USD")
                .containsEntry("debits", 500).containsEntry("credits", 200).containsEntry("balance", 300);
        recent(ofAsset.get("as_of"));
        assertThat(balanceOf(liability)).containsEntry("debits", 200).containsEntry("credits", 500).containsEntry("balance", 300);
    }

    @Test
    default void balanceAsOfAnInstantCountsTheEntriesPostedAtOrBeforeIt() {
        String ops = fixtures().ops();
        String asset = account("asset", "USD");
        String liability = account("liability", "USD");
        Map<String, Object> first = api().posted(ops, asset, liability, 500);
        Map<String, Object> second = api().posted(ops, asset, liability, 300);
        String asOf = (String) first.get("posted_at");
        long expected = 500 + (asOf.compareTo((String) second.get("posted_at")) >= 0 ? 300 : 0);

        Map<String, Object> then = resource(api().ledger(ops).queryParam("as_of", asOf).get("/api/v1/balances/{id}", asset), 200,
                Representations::balance);

        assertThat(then).containsEntry("as_of", asOf).containsEntry("debits", (int) expected).containsEntry("credits", 0)
                .containsEntry("balance", (int) expected);
        Map<String, Object> before = resource(api().ledger(ops).queryParam("as_of", "2001-02-03T04:05:06.789Z")
                .get("/api/v1/balances/{id}", asset), 200, Representations::balance);
        assertThat(before).containsEntry("as_of", "2001-02-03T04:05:06.789Z").containsEntry("balance", 0).containsEntry("debits", 0);
        assertThat(balanceOf(asset)).containsEntry("balance", 800);
        invalid(api().ledger(ops).queryParam("as_of", "yesterday").get("/api/v1/balances/{id}", asset), "as_of");
    }

    @Test
    default void balanceIsTheOwnersAndNobodyElses() {
        Object account = fixtures().ownedAccount().get("id");
        fixtures().ownedEntry();

        assertThat(resource(api().ledger(fixtures().payer().user().token()).get("/api/v1/balances/{id}", account), 200,
                Representations::balance)).containsEntry("account_id", account).containsEntry("debits", 700);
        problem(api().ledger(fixtures().stranger().token()).get("/api/v1/balances/{id}", account), ErrorCode.NOT_FOUND);
        problem(api().ledger(fixtures().ops()).get("/api/v1/balances/{id}", IdPrefix.ACCOUNT.newId()), ErrorCode.NOT_FOUND);
    }

    // ─── integrity ───

    @Test
    @SuppressWarnings("unchecked")
    default void integrityCheckFindsEveryCurrencyBalanced() {
        fixtures().ownedEntry();

        Map<String, Object> report = resource(api().ledger(fixtures().ops()).get("/api/v1/ledger/integrity"), 200,
                Representations::integrity);

        assertThat(report).containsEntry("ok", true).containsEntry("mismatches", List.of());
        Map<String, Map<String, Object>> currencies = (Map<String, Map<String, Object>>) report.get("currencies");
        assertThat(currencies).containsKey("USD");
        currencies.values().forEach(totals -> assertThat(totals).containsEntry("balanced", true)
                .containsEntry("debits", totals.get("credits")));
    }

    // ─── helpers ───

    /** A new account of this type and currency with no owner, which may not go below zero. */
    private String account(String type, String currency) {
        return (String) api().account(fixtures().ops(), api().accountBody("Conformance " + type, currency, type)).get("id");
    }

    /** A new account that may go below zero. */
    private String overdraftable(String type, String currency) {
        Map<String, Object> request = api().accountBody("Conformance overdraft " + type, currency, type);
        request.put("allow_negative", true);
        return (String) api().account(fixtures().ops(), request).get("id");
    }

    private Map<String, Object> balanceOf(String account) {
        return resource(api().ledger(fixtures().ops()).get("/api/v1/balances/{id}", account), 200, Representations::balance);
    }
}
